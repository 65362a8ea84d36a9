import solc from 'solc';

// solc-js compiles synchronously for seconds: in a child process, at low priority, off the platform's CPU.
// Standard JSON in on stdin, out on stdout.
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
process.stdout.write(solc.compile(Buffer.concat(chunks).toString('utf8')));
