// Parse GIFT text from standard input with gift-pegjs and print the result as JSON.
// Exit status 2 and the parser's message on standard error when it cannot parse.
const { parse } = require("gift-pegjs");
let text = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { text += chunk; });
process.stdin.on("end", () => {
  try {
    process.stdout.write(JSON.stringify(parse(text)));
  } catch (error) {
    const where = error.location ? ` at line ${error.location.start.line}, column ${error.location.start.column}` : "";
    process.stderr.write(`gift-pegjs: ${error.message}${where}\n`);
    process.exit(2);
  }
});
