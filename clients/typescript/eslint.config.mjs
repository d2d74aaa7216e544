// The scenario is written as a frontend team would write against the generated types: it may not tell the compiler
// what a value is (no `as`, no `!`), so every type it relies on is one the OpenAPI document gave.
import tseslint from "typescript-eslint";

export default tseslint.config({
  files: ["scenario/**/*.ts"],
  extends: [tseslint.configs.base],
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  rules: {
    "@typescript-eslint/no-non-null-assertion": "error",
    "@typescript-eslint/consistent-type-assertions": ["error", { assertionStyle: "never" }],
  },
});
