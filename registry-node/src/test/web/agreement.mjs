// Runs the web page's own modules (the same sources the bundle is built from) for the JUnit tests
// that hold them to the Java implementation:
//   node agreement.mjs cid FILE...        one line per file: {"file","contentHash","cid","size"}
//   node agreement.mjs eip712 JSON        {"workId"} of {"domain": eip712Domain, "registration": wire form}
import { createReadStream } from 'node:fs';
import { identify } from '../../main/web/src/content.js';
import { registration, workId } from '../../main/web/src/registration.js';

const [command, ...args] = process.argv.slice(2);
if (command === 'cid') {
  for (const file of args) {
    // odd read sizes, so chunk boundaries never line up with the reads
    const identity = await identify(createReadStream(file, { highWaterMark: 100_003 }));
    process.stdout.write(JSON.stringify({ file, ...identity }) + '\n');
  }
} else if (command === 'eip712') {
  const input = JSON.parse(args[0]);
  const message = registration(input.registration);
  process.stdout.write(JSON.stringify({ workId: workId(input.domain, message) }) + '\n');
} else {
  process.stderr.write(`unknown command ${command}; use cid FILE... or eip712 JSON\n`);
  process.exit(2);
}
