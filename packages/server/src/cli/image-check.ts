import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type PhotoOutcome, PhotoWorkerPool } from '../modules/images/index.ts';

export const IMAGE_CHECK_USAGE = `Usage: dermis image-check [--out DIR] FILE...

Runs the server's photo pipeline (format sniffing, limits, decoding, quality gate, metadata removal,
derivatives) on each file and prints one JSON line per file:
  {"file", "decision": "accept"|"warn"|"reject", "reasons": [...], "score", "metrics": {...}}
--out DIR  also writes each photo's master, preview and thumbnail (unencrypted, for inspection)
           and adds "derivatives": {"master", "preview", "thumbnail"} with their paths.
Exits 0 once every file has been judged; a file that cannot be processed is a "reject" line.`;

interface CheckLine {
  file: string;
  decision: 'accept' | 'warn' | 'reject';
  reasons: string[];
  score: number;
  metrics: Record<string, unknown>;
  derivatives?: { master: string; preview: string; thumbnail: string };
}

/** Output names from the input's own name, reduced to safe characters and made unique within the run. */
function outputStem(file: string, used: Set<string>): string {
  const base =
    path
      .basename(file, path.extname(file))
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .slice(0, 80) || 'photo';
  let stem = base;
  for (let n = 2; used.has(stem); n++) stem = `${base}-${n}`;
  used.add(stem);
  return stem;
}

function toLine(file: string, outcome: PhotoOutcome, outDir: string | undefined, used: Set<string>): CheckLine {
  if (!outcome.ok) return { file, decision: 'reject', reasons: [outcome.code], score: 0, metrics: {} };
  const line: CheckLine = {
    file,
    decision: outcome.decision,
    reasons: outcome.reasons,
    score: outcome.score,
    metrics: { ...outcome.metrics },
  };
  if (outDir) {
    const stem = outputStem(file, used);
    const paths = {
      master: path.join(outDir, `${stem}.master.jpg`),
      preview: path.join(outDir, `${stem}.preview.jpg`),
      thumbnail: path.join(outDir, `${stem}.thumbnail.jpg`),
    };
    for (const name of ['master', 'preview', 'thumbnail'] as const) {
      fs.writeFileSync(paths[name], outcome.derivatives[name]);
    }
    line.derivatives = paths;
  }
  return line;
}

/** `dermis image-check`: needs no database and no configuration; returns the exit code. */
export async function imageCheck(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`dermis image-check: ${error instanceof Error ? error.message : error}\n\n${IMAGE_CHECK_USAGE}`);
    return 2;
  }
  const { values, positionals: files } = parsed;
  if (values.help || files.length === 0) {
    console.log(IMAGE_CHECK_USAGE);
    return values.help ? 0 : 2;
  }
  const outDir = values.out ? path.resolve(values.out) : undefined;
  if (outDir) fs.mkdirSync(outDir, { recursive: true });

  const pool = new PhotoWorkerPool();
  const used = new Set<string>();
  try {
    // a small window of jobs in flight keeps every worker busy without holding every result in memory
    const window = 4;
    const running: Promise<PhotoOutcome>[] = [];
    let next = 0;
    for (let i = 0; i < files.length; i++) {
      while (next < files.length && running.length < window) running.push(pool.process({ path: files[next++]! }));
      const outcome = await running.shift()!;
      console.log(JSON.stringify(toLine(files[i]!, outcome, outDir, used)));
    }
  } finally {
    await pool.close();
  }
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}
