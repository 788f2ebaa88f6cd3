// @ts-check
import tseslint from "typescript-eslint";

const DEEP_IMPORTS_ONLY =
  "Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the package root loads ~2,200 modules (~3 s, ~500 MB per process).";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "coverage/", ".tfstate/", "scratch/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "@cdktf/provider-helm"].map((name) => ({
            name,
            message: DEEP_IMPORTS_ONLY,
          })),
          patterns: [{ regex: "^@cdktf/provider-[a-z]+/lib(/index)?$", message: DEEP_IMPORTS_ONLY }],
        },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Constructs and stacks report bad input through ValidationError, which carries the construct path.
    files: ["constructs/**/*.ts", "stacks/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ThrowStatement > NewExpression[callee.name='Error']",
          message: "Throw ValidationError (src/errors.ts) so the message carries the construct path.",
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // Synthesized Terraform JSON is untyped; tests read it as `any`.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
);
