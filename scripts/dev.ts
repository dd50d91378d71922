import { type ChildProcess, spawn } from 'node:child_process';

/**
 * `npm run dev`: the server (restarting on change, with the demo company) on :3000 and the Vite
 * dev server with hot reload on :5173, which proxies /api to the server.
 */
const children: ChildProcess[] = [
  spawn(
    process.execPath,
    ['--watch-path=server/src', '--watch-path=contracts/src', 'server/src/main.ts', '--demo'],
    {
      stdio: 'inherit',
    },
  ),
  spawn('npm', ['run', 'dev', '-w', 'web'], { stdio: 'inherit' }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
