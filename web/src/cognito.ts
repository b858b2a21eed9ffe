/**
 * Cognito's hosted sign-in (authorization code with PKCE), used when the site is served with a /config.json
 * (written by the CDK deployment). On this machine there is none, and the local sign-in is used instead.
 */
import { setStaffToken } from './api.ts';

type Config = { cognitoDomain: string; clientId: string; redirectUri: string };
let config: Promise<Config | null> | undefined;

export const cognitoConfig = () =>
  (config ??= fetch('/config.json')
    .then((r) => (r.ok && (r.headers.get('content-type') ?? '').includes('json') ? r.json() : null))
    .catch(() => null));

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export async function startHostedSignIn(c: Config) {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem('pic-pkce', verifier);
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId,
    redirect_uri: c.redirectUri,
    scope: 'openid email',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`https://${c.cognitoDomain}/oauth2/authorize?${q}`);
}

/** Back from the hosted page with ?code=…: exchange it for the ID token (its groups give the role). */
export async function completeHostedSignIn(): Promise<boolean> {
  const code = new URLSearchParams(location.search).get('code');
  const c = await cognitoConfig();
  if (!code || !c) return false;
  const res = await fetch(`https://${c.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: c.clientId,
      code,
      redirect_uri: c.redirectUri,
      code_verifier: sessionStorage.getItem('pic-pkce') ?? '',
    }),
  });
  sessionStorage.removeItem('pic-pkce');
  history.replaceState(null, '', location.pathname + location.hash);
  if (!res.ok) return false;
  setStaffToken((await res.json()).id_token);
  return true;
}
