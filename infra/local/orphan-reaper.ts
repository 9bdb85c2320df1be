import { spawn } from 'node:child_process';

/**
 * Runs in a separate tiny Node process: polls both pids; when the child has gone it exits, when the parent
 * has gone it stops the child (SIGTERM so DynamoDB Local closes its file, SIGKILL after a grace period).
 * Signal 0 only probes; EPERM still means "alive".
 */
const REAPER_SCRIPT = `
const [parent, child] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (error) { return error.code === 'EPERM'; } };
const kill = (signal) => { try { process.kill(child, signal); } catch {} };
const timer = setInterval(() => {
  if (!alive(child)) process.exit(0);
  if (alive(parent)) return;
  clearInterval(timer);
  kill('SIGTERM');
  setTimeout(() => { kill('SIGKILL'); process.exit(0); }, 5000);
}, 500);
`;

/**
 * Makes sure `childPid` does not outlive this process, even when this process dies by SIGKILL (a test
 * runner's teardown, an OOM kill), which no exit hook survives. The watcher is detached from this
 * process's group so a signal to the whole group cannot take it down first, and it ends with the child.
 *
 * @example reapOnParentDeath(java.pid);
 */
export const reapOnParentDeath = (childPid: number): void => {
  const reaper = spawn(process.execPath, ['-e', REAPER_SCRIPT, String(process.pid), String(childPid)], {
    detached: true,
    stdio: 'ignore',
  });
  reaper.unref();
};
