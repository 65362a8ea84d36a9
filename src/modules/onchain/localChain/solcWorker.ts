import { parentPort, workerData } from 'node:worker_threads';
import solc from 'solc';

// solc-js compiles synchronously for seconds: here, off the platform's event loop.
parentPort!.postMessage(solc.compile(workerData as string));
