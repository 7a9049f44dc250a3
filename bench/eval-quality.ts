// npm run eval:quality — runs the core photo quality gate on the labelled image-quality set and prints how well
// it separates good from poor photos (targets: ../shared/data/image-quality/README.md). Last line: one JSON
// object with the headline numbers.
//
// Decoding mirrors what the server pipeline is to do: sharp decodes, applies EXIF orientation (rotate()), and
// shrinks on load to at most 2 × the analysis size; core's toAnalysisLuma does the final area-average reduction,
// so the last, defining step is the same code the browser runs.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import {
  ANALYSIS_LONG_EDGE,
  assessPhotoQuality,
  type QualityAssessment,
  toAnalysisLuma,
} from '../packages/core/src/imaging/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedSet = path.resolve(repoRoot, '../shared/data/image-quality');
const cacheDir = path.join(repoRoot, '.tmp/image-quality');
const DECODE_LONG_EDGE = 2 * ANALYSIS_LONG_EDGE;
// blur radius line in quality-gate.ts, used for the hold-out check below
const SHIPPED_BLUR_LINE = 0.6;

interface Row {
  file: string;
  source: string;
  kind: 'photo' | 'skin';
  tone: string;
  defect: string;
  param: string;
  label: 'good' | 'borderline' | 'poor';
}
interface Result extends Row {
  assessment: QualityAssessment;
  decodeMs: number;
  gateMs: number;
}

function ensureSet(): Row[] {
  const labels = path.join(cacheDir, 'labels.csv');
  if (!fs.existsSync(labels)) {
    console.log(`generating the labelled set into ${path.relative(repoRoot, cacheDir)} (about 1–1.5 min) …`);
    const run = spawnSync(process.execPath, [path.join(sharedSet, 'generate.mjs'), cacheDir], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    if (run.status !== 0) throw new Error(`generate.mjs failed with status ${run.status}`);
  }
  const [header, ...lines] = fs.readFileSync(labels, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v])) as unknown as Row);
}

async function assessFile(row: Row): Promise<Result> {
  const file = path.join(cacheDir, row.file);
  const t0 = performance.now();
  const meta = await sharp(file).metadata();
  // EXIF orientations 5–8 swap width and height
  const swap = (meta.orientation ?? 1) >= 5;
  const width = swap ? meta.height! : meta.width!;
  const height = swap ? meta.width! : meta.height!;
  let pipeline = sharp(file).rotate();
  if (Math.max(width, height) > DECODE_LONG_EDGE) {
    pipeline = pipeline.resize(DECODE_LONG_EDGE, DECODE_LONG_EDGE, { fit: 'inside' });
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const t1 = performance.now();
  const pixels = { width: info.width, height: info.height, channels: info.channels as 3, data };
  const analysis = toAnalysisLuma(pixels, analysisSizeOf(width, height, info.width, info.height));
  const assessment = assessPhotoQuality({
    width,
    height,
    luma: analysis.luma,
    brightest: analysis.brightest,
    analysisWidth: analysis.width,
    analysisHeight: analysis.height,
  });
  return { ...row, assessment, decodeMs: t1 - t0, gateMs: performance.now() - t1 };
}

// the analysis size is defined on the original size; the decoded intermediate may round differently by a pixel
function analysisSizeOf(width: number, height: number, decodedWidth: number, decodedHeight: number) {
  const f = Math.min(1, ANALYSIS_LONG_EDGE / Math.max(width, height));
  return {
    width: Math.min(decodedWidth, Math.max(1, Math.round(width * f))),
    height: Math.min(decodedHeight, Math.max(1, Math.round(height * f))),
  };
}

/** ROC-AUC of "higher score = good" (Mann–Whitney U; ties count half). */
function rocAuc(good: number[], poor: number[]): number {
  if (!good.length || !poor.length) return Number.NaN;
  let wins = 0;
  for (const g of good) for (const p of poor) wins += g > p ? 1 : g === p ? 0.5 : 0;
  return wins / (good.length * poor.length);
}

const pct = (part: number, whole: number) => (whole ? (100 * part) / whole : Number.NaN);
const fmt = (x: number, d = 1) => (Number.isNaN(x) ? '  –  ' : x.toFixed(d));
const isKept = (r: Result) => r.assessment.decision !== 'reject';
// The gate rejects for blur when the whole frame AND its sharpest region both read at or past the line (the same
// line for both), so the number the line is judged against is the lesser of the two.
const blurOf = (r: Result) =>
  Math.min(
    r.assessment.metrics.blurRadius ?? Number.POSITIVE_INFINITY,
    r.assessment.metrics.regionBlurRadius ?? Number.POSITIVE_INFINITY,
  );

function summarise(results: Result[]) {
  const good = results.filter((r) => r.label === 'good');
  const poor = results.filter((r) => r.label === 'poor');
  const goodScores = good.map((r) => r.assessment.score);
  const aucFor = (defect: string) =>
    rocAuc(
      goodScores,
      poor.filter((r) => r.defect === defect).map((r) => r.assessment.score),
    );
  return {
    good,
    poor,
    blurAuc: aucFor('gaussian_blur'),
    motionAuc: aucFor('motion_blur'),
    aucFor,
    goodKept: pct(good.filter(isKept).length, good.length),
    poorRejected: pct(poor.filter((r) => !isKept(r)).length, poor.length),
  };
}

async function main() {
  const rows = ensureSet();
  sharp.concurrency(1);
  const results: Result[] = [];
  const queue = [...rows];
  const t0 = performance.now();
  // two lanes: one decodes in libvips while the other runs the gate in JavaScript (2 cores)
  await Promise.all(
    [0, 1].map(async () => {
      for (let row = queue.shift(); row; row = queue.shift()) results.push(await assessFile(row));
    }),
  );
  results.sort((a, b) => (a.file < b.file ? -1 : 1));
  const seconds = (performance.now() - t0) / 1000;
  const all = summarise(results);
  const count = (label: string) => results.filter((r) => r.label === label).length;
  console.log(
    `\n${results.length} images (${count('good')} good, ${count('borderline')} borderline, ${count('poor')} poor) in ${seconds.toFixed(1)} s`,
  );

  console.log('\nper defect: ROC-AUC of score (all good vs poor of that defect), decisions of poor and borderline');
  console.log('defect           AUC    poor rejected        borderline accept/warn/reject');
  const defects = [...new Set(results.map((r) => r.defect))].filter((d) => d !== 'none');
  for (const defect of defects) {
    const poor = all.poor.filter((r) => r.defect === defect);
    const border = results.filter((r) => r.label === 'borderline' && r.defect === defect);
    const by = (d: string) => border.filter((r) => r.assessment.decision === d).length;
    const rej = poor.filter((r) => !isKept(r)).length;
    console.log(
      `${defect.padEnd(16)} ${fmt(all.aucFor(defect), 3).padStart(5)}  ${poor.length ? `${fmt(pct(rej, poor.length)).padStart(5)}% (${rej}/${poor.length})` : '      –       '}`.padEnd(
        46,
      ) + (border.length ? `${by('accept')}/${by('warn')}/${by('reject')} of ${border.length}` : '–'),
    );
  }

  const kinds = ['photo', 'skin'] as const;
  console.log('\ngood kept (accept or warn) and poor rejected');
  for (const kind of [...kinds, 'all'] as const) {
    const sel = kind === 'all' ? results : results.filter((r) => r.kind === kind);
    const s = summarise(sel);
    const acc = s.good.filter((r) => r.assessment.decision === 'accept').length;
    const warn = s.good.filter((r) => r.assessment.decision === 'warn').length;
    console.log(
      `${kind.padEnd(6)} good kept ${fmt(s.goodKept).padStart(5)}% (${acc} accept + ${warn} warn of ${s.good.length})   poor rejected ${fmt(s.poorRejected).padStart(5)}% (${s.poor.filter((r) => !isKept(r)).length}/${s.poor.length})`,
    );
  }
  const falseRejects = all.good.filter((r) => !isKept(r));
  for (const r of falseRejects) console.log(`  false reject: ${r.file} ${r.assessment.reasons.join(',')}`);

  console.log('\nfalse rejects of good skin images per Fitzpatrick-like tone');
  const toneRates: number[] = [];
  for (let tone = 1; tone <= 6; tone++) {
    const good = all.good.filter((r) => r.kind === 'skin' && r.tone === String(tone));
    const fr = good.filter((r) => !isKept(r)).length;
    const warned = good.filter((r) => r.assessment.decision === 'warn').length;
    toneRates.push(pct(fr, good.length));
    console.log(`tone ${tone}: ${fmt(pct(fr, good.length)).padStart(5)}% (${fr}/${good.length}; ${warned} warned)`);
  }
  const toneGap = Math.max(...toneRates) - Math.min(...toneRates);
  console.log(`gap (max − min): ${fmt(toneGap)} points`);

  // Hold-out check of the blur line: split the sources in two, find on each half the line a fitter would pick
  // (most blurred poor rejected while ≤ 5% of good photos are), and judge it and the shipped line on the other half.
  console.log('\nhold-out check of the blur line (sources split in two halves by name)');
  const sources = [...new Set(results.map((r) => r.source))].sort();
  const half = (k: number) => new Set(sources.filter((_, i) => i % 2 === k));
  for (const k of [0, 1]) {
    const tune = results.filter((r) => half(k).has(r.source));
    const test = results.filter((r) => !half(k).has(r.source));
    const fitted = fitBlurLine(tune);
    const judge = (line: number) => {
      const good = test.filter((r) => r.label === 'good');
      const blurred = test.filter((r) => r.label === 'poor' && r.defect.endsWith('blur'));
      return `good kept ${fmt(pct(good.filter((r) => blurOf(r) < line).length, good.length))}%, blurred poor rejected ${fmt(pct(blurred.filter((r) => blurOf(r) >= line).length, blurred.length))}%`;
    };
    const s = summarise(test);
    console.log(
      `tune on half ${k}: fitted line ${fmt(fitted, 2)} px → other half ${judge(fitted)}; shipped ${SHIPPED_BLUR_LINE} px → ${judge(SHIPPED_BLUR_LINE)}; whole gate there: blur AUC ${fmt(s.blurAuc, 3)}, motion AUC ${fmt(s.motionAuc, 3)}, good kept ${fmt(s.goodKept)}%, poor rejected ${fmt(s.poorRejected)}%`,
    );
  }

  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const gateMs = median(results.map((r) => r.gateMs));
  const decodeMs = median(results.map((r) => r.decodeMs));
  console.log(`\ntiming (median per image): decode+shrink ${fmt(decodeMs)} ms, luma + gate ${fmt(gateMs)} ms`);

  const headline = {
    blur_auc: round(all.blurAuc, 3),
    motion_blur_auc: round(all.motionAuc, 3),
    good_kept_pct: round(all.goodKept, 1),
    poor_rejected_pct: round(all.poorRejected, 1),
    tone_gap_pts: round(toneGap, 1),
    images: results.length,
  };
  console.log(JSON.stringify(headline));
}

function fitBlurLine(results: Result[]): number {
  const good = results.filter((r) => r.label === 'good').map(blurOf);
  const blurred = results.filter((r) => r.label === 'poor' && r.defect.endsWith('blur')).map(blurOf);
  let best = Number.POSITIVE_INFINITY;
  let bestCaught = -1;
  for (let line = 0.3; line <= 1.5; line += 0.01) {
    if (good.filter((b) => b >= line).length > 0.05 * good.length) continue;
    const caught = blurred.filter((b) => b >= line).length;
    if (caught > bestCaught) {
      bestCaught = caught;
      best = line;
    }
  }
  return best;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
