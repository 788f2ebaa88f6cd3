// @ts-check
import tseslint from "typescript-eslint";

const DEEP_IMPORTS_ONLY =
  "Import provider classes by deep path (@cdktf/provider-aws/lib/<resource>): the package root loads ~2,200 modules (~3 s, ~500 MB per process).";

const PROVIDER_ROOTS = ["@cdktf/provider-aws", "@cdktf/provider-kubernetes", "@cdktf/provider-helm"].map((name) => ({
  name,
  message: DEEP_IMPORTS_ONLY,
}));
const PROVIDER_ROOT_PATTERNS = [{ regex: "^@cdktf/provider-[a-z]+/lib(/index)?$", message: DEEP_IMPORTS_ONLY }];

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "coverage/", ".tfstate/", "scratch/", "dist/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "no-restricted-imports": ["error", { paths: PROVIDER_ROOTS, patterns: PROVIDER_ROOT_PATTERNS }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Constructs stand on their own: they depend on constructs/core and the provider bindings, never on the app
    // (src/) or the composition (stacks/) above them.
    files: ["constructs/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: PROVIDER_ROOTS,
          patterns: [
            ...PROVIDER_ROOT_PATTERNS,
            {
              regex: "^(\\.\\./)+(src|stacks)(/|$)",
              message:
                "Constructs may not import from src/ or stacks/: move what they share into constructs/core, or let the stack pass it in.",
            },
          ],
        },
      ],
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
          message: "Throw ValidationError (constructs/core/errors.ts) so the message carries the construct path.",
        },
      ],
    },
  },
  {
    // Plain CommonJS scripts that run before anything is compiled (scripts/build.js), or on the compiled app
    // (test/platform-synth.js), and the stubs jest maps modules to (test/stubs/).
    files: ["scripts/**/*.js", "test/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
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
