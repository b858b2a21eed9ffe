/**
 * How every function is bundled: by the CDK construct for AWS and by the cold-start benchmark alike.
 * - ESM sources first (`module` before `main`): the AWS SDK's ES builds tree-shake, smaller and faster to load.
 * - Whitespace and syntax minified, names kept: as fast to load as full minification (measured in
 *   docs/benchmarks.md), and a stack trace in the logs still names the real functions and classes.
 * - No source maps at run time: Node's `--enable-source-maps` parses the map at start-up, about 20 ms more per
 *   cold start on the benchmark machine, which is what the names above make unnecessary.
 */
export const BUNDLE = {
  format: 'cjs',
  mainFields: ['module', 'main'],
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: false,
} as const;
