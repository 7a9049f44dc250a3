import type { Medication } from '../api/responses.schema.ts';
import { MEDICATION_ROUTES } from './dispositions.ts';

/**
 * The medication as printable lines (English; the care-plan PDF and the FHIR dosage text). The web app shows
 * the same fields with translated labels.
 */
export function medicationLines(medication: Medication): string[] {
  const route = medication.route ? MEDICATION_ROUTES[medication.route].display : '';
  return [
    `Medication: ${medication.name}`,
    `Dose: ${medication.dose}`,
    `Route: ${route}`,
    `Frequency: ${medication.frequency}`,
    `Duration: ${medication.durationDays ?? ''} days`,
    `Quantity: ${medication.quantity.value ?? ''} ${medication.quantity.unit}`.trimEnd(),
    `Instructions: ${medication.instructions}`,
  ];
}

/** One line for a FHIR Dosage.text: "1 application, topical route, twice daily, for 14 days". */
export function dosageText(medication: Medication): string {
  const route = medication.route ? MEDICATION_ROUTES[medication.route].display.toLowerCase() : null;
  return [medication.dose, route, medication.frequency, `for ${medication.durationDays ?? '?'} days`]
    .filter((part) => part && part.trim().length > 0)
    .join(', ');
}
