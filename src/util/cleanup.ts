/**
 * What must not outlive an interrupted build: a running Chromium, its profile folder, temporary
 * output files and locks. Each owner registers its cleanup while it holds the resource; the CLI
 * runs them all on SIGINT/SIGTERM before it exits (the library itself never exits the process).
 */
type Task = () => unknown;
const tasks = new Set<Task>();

/** Registers `task`; call the returned function when the resource has been released normally. */
export function whileRunning(task: Task): () => void {
  tasks.add(task);
  return () => void tasks.delete(task);
}

export async function cleanUpEverything(): Promise<void> {
  const all = [...tasks];
  tasks.clear();
  await Promise.allSettled(all.map(async (t) => t()));
}
