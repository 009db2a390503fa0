// Process memory from /proc (Linux): which process serves a port, its resident memory, and a
// sampler that keeps the peak of a process tree while something runs.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM), or null when the process is gone. */
export function memoryOf(pid: number, field: "VmRSS" | "VmHWM" = "VmRSS"): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

export const toMB = (bytes: number | null) => (bytes === null ? null : Math.round(bytes / MB));

/** Every process id on the machine. */
export function pids(): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields start after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** A process and all its descendants. */
function processTree(root: number): number[] {
  const all = pids();
  const children = new Map<number, number[]>();
  for (const pid of all) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** The process listening on a TCP port on 127.0.0.1 (or any address), among `candidates`. */
export function listenerOf(port: number, candidates: number[]): number | null {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      const local = cols[1];
      if (!local || cols[3] !== "0A") continue; // 0A: LISTEN
      if (parseInt(local.split(":")[1] ?? "", 16) === port && cols[9]) inodes.add(cols[9]);
    }
  }
  for (const pid of candidates) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
        if (inode && inodes.has(inode)) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** Samples the resident memory of one process every `everyMs`; `stop()` returns the peak. */
export function sampleMemory(pid: number, everyMs = 250) {
  let peak = memoryOf(pid) ?? 0;
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = memoryOf(pid);
    if (rss === null) return;
    samples.push(rss);
    peak = Math.max(peak, rss);
  }, everyMs);
  return {
    peak: () => peak,
    stop() {
      clearInterval(timer);
      return { peak, samples };
    },
  };
}

/**
 * Samples the summed resident memory of a process tree (a CLI started through tsx is two node
 * processes) and each member's high-water mark, until `stop()`.
 */
export function sampleTreeMemory(root: number, everyMs = 200) {
  let peakSum = 0;
  let peakSingle = 0;
  const timeline: { t: number; rssMB: number }[] = [];
  const started = Date.now();
  const tick = () => {
    let sum = 0;
    for (const pid of processTree(root)) {
      const rss = memoryOf(pid) ?? 0;
      sum += rss;
      peakSingle = Math.max(peakSingle, memoryOf(pid, "VmHWM") ?? 0);
    }
    peakSum = Math.max(peakSum, sum);
    timeline.push({ t: Date.now() - started, rssMB: toMB(sum) ?? 0 });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakTreeRss: peakSum, peakProcessHwm: peakSingle, timeline };
    },
  };
}
