/**
 * Preloaded into a node a memory test runs (`node --expose-gc --import …`): SIGUSR2 collects all garbage and prints
 * `collected`, so the test reads the memory the node holds rather than what V8 has not collected yet.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write('collected\n');
});
