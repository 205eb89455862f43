// Reading an API's /metrics as Prometheus would: fetch it, then pick samples by name and labels.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The API's own origin: /metrics, /healthz and /readyz live beside /graphql. */
export function apiPath(apiUrl: string, path: string): string {
  return new URL(path, apiUrl).href;
}

export async function scrape(apiUrl: string, headers: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(apiPath(apiUrl, '/metrics'), { headers });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}: ${await response.text()}`);
  return parseSamples(await response.text());
}

/** Prometheus' text format, the lines this API writes: `name{a="b",...} value`. */
export function parseSamples(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`unreadable metrics line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample with this name whose labels include `labels`; 0 when there is none. */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

/** Whether the registry declares this metric at all. */
export function has(samples: Sample[], name: string): boolean {
  return samples.some((sample) => sample.name === name || sample.name.startsWith(`${name}_`));
}
