import { dispositionDisplay } from './dispositions.ts';
import { medicationLines } from './medication-text.ts';
import type { FhirResponseRecord } from './response-record.ts';

const VIEW_TEXT: Record<string, string> = {
  close_up: 'close-up',
  context: 'context (wider view)',
  side_angle: 'side angle',
  with_scale: 'with a ruler or coin for scale',
};

/**
 * The consult note as plain text (Epic's general path for notes is plain text, DESIGN.md field facts): the
 * same words the patient reads, with the disposition, medication and photo requests spelled out.
 */
export function consultNoteText(record: FhirResponseRecord): string {
  const { response } = record;
  const lines = [
    `Teledermatology consult note — case ${record.caseNumber}`,
    `Signed ${response.signedAt} by ${response.author.name}`,
    '',
    `Disposition: ${dispositionDisplay(response.disposition)}`,
    '',
    response.narrative,
  ];
  if (response.medication) lines.push('', ...medicationLines(response.medication));
  if (response.requestedPhotos.length > 0) {
    lines.push('', 'Photos requested:');
    for (const photo of response.requestedPhotos) {
      lines.push(`- ${photo.siteLabel}, ${VIEW_TEXT[photo.view] ?? photo.view}: ${photo.instruction}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
