import { indexQuestionnaire } from '@dermis/core';
import type { Questionnaire } from 'fhir/r4.js';

/**
 * The intake split into a few short pages for a phone, by top-level linkId. A top-level item a later
 * Questionnaire version adds and no page names falls to the last page, so it is never left unasked.
 */
export type IntakePageId = 'concern' | 'history' | 'medicines' | 'about';

const PAGE_ITEMS: Record<IntakePageId, readonly string[]> = {
  concern: ['concern', 'other-concern', 'concern-description'],
  history: ['lesion', 'rash', 'acne', 'hair', 'nail', 'other'],
  medicines: ['medications.any', 'medication', 'allergies.any', 'allergy'],
  about: ['fitzpatrick', 'immunosuppression', 'sun'],
};
export const INTAKE_PAGE_IDS: readonly IntakePageId[] = ['concern', 'history', 'medicines', 'about'];
const CATCH_ALL: IntakePageId = 'about';

export function pageItems(questionnaire: Questionnaire, page: IntakePageId): string[] {
  const named = new Set(Object.values(PAGE_ITEMS).flat());
  return (questionnaire.item ?? [])
    .map((item) => item.linkId)
    .filter((linkId) => PAGE_ITEMS[page].includes(linkId) || (page === CATCH_ALL && !named.has(linkId)));
}

/** The page an item (at any depth) is asked on. */
export function pageOfLinkId(questionnaire: Questionnaire, linkId: string): IntakePageId | undefined {
  const index = indexQuestionnaire(questionnaire);
  let top = index.items.get(linkId);
  if (top === undefined) return undefined;
  for (let parent = index.parents.get(top.linkId); parent !== undefined; parent = index.parents.get(parent.linkId)) {
    top = parent;
  }
  const topId = top.linkId;
  return INTAKE_PAGE_IDS.find((page) => pageItems(questionnaire, page).includes(topId));
}
