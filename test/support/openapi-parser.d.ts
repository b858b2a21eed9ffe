/**
 * The part of @readme/openapi-parser's types that test/functions/openapi-document.test.ts uses, so the project
 * type-checks before the dev dependency is installed. TypeScript reads the package's own types once it is (an
 * ambient module is only a fallback); delete this file then.
 */
declare module '@readme/openapi-parser' {
  type ValidationResult = {
    valid: boolean;
    errors: { message: string }[];
    warnings: { message: string }[];
  };
  export function validate(api: object | string): Promise<ValidationResult>;
  export function compileErrors(result: ValidationResult): string;
}
