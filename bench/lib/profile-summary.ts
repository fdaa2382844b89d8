import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idlePercent: number;
  topFunctions: Array<{ name: string; where: string; selfPercent: number }>;
  byArea: Array<{ area: string; selfPercent: number }>;
}

/** Groups a frame's source file into the area it belongs to: our own code by folder, libraries by package. */
function areaOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /dist\/src\/([^/]+(?:\/[^/]+)?)\//.exec(url) ?? /dist\/src\/([^/]+)/.exec(url);
  if (own) return `qcharge:${own[1]}`;
  if (url.startsWith('node:')) return url.replace(/^node:(internal\/)?/, 'node:').split('/').slice(0, 2).join('/');
  return url;
}

/** Self time per function and per area from a V8 .cpuprofile (as written by `node --cpu-prof`). */
export function summarizeProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfSamples = new Map<number, number>();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const total = profile.samples.length || 1;
  const functions = new Map<string, { name: string; where: string; samples: number }>();
  const areas = new Map<string, number>();
  let idle = 0;
  for (const [id, samples] of selfSamples) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') idle += samples;
    const where = url ? `${url.replace(/^.*?(node_modules\/|dist\/)/, '$1')}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = functions.get(key) ?? { name, where, samples: 0 };
    entry.samples += samples;
    functions.set(key, entry);
    const area = areaOf(url, name);
    areas.set(area, (areas.get(area) ?? 0) + samples);
  }
  const pct = (n: number) => Math.round((n / total) * 1000) / 10;
  return {
    file,
    totalMs: Math.round(profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000),
    idlePercent: pct(idle),
    topFunctions: [...functions.values()]
      .filter((f) => f.name !== '(idle)')
      .sort((a, b) => b.samples - a.samples)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfPercent: pct(f.samples) })),
    byArea: [...areas]
      .filter(([area]) => area !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, samples]) => ({ area, selfPercent: pct(samples) })),
  };
}

if (require.main === module) {
  const summary = summarizeProfile(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(JSON.stringify(summary, null, 2));
}
