import type { Questionnaire, QuestionnaireResponse } from 'fhir/r4.js';
import { indexQuestionnaire, indexResponse } from '../intake/enable-when.ts';
import { type ReadableEntry, type ReadableText, readableEntries } from '../intake/readable-answers.ts';
import { TRIAGE_RULES, type TriagePriority, type TriageRuleId } from '../triage/triage-rules.ts';

/**
 * The intake as a dermatologist reads it (issue 5, "Case view"): red flags first, each with the answers that
 * fired it; then the presenting concern, its history, medications, allergies, Fitzpatrick skin type,
 * immunosuppression and sun exposure. A top-level item a later intake version adds and no section names is
 * shown last under `other`, so nothing the patient answered is hidden.
 */
export type ClinicalSectionId =
  | 'concern'
  | 'history'
  | 'medications'
  | 'allergies'
  | 'fitzpatrick'
  | 'immunosuppression'
  | 'sun'
  | 'other';

const SECTION_ITEMS: readonly { id: Exclude<ClinicalSectionId, 'other'>; items: readonly string[] }[] = [
  { id: 'concern', items: ['concern', 'other-concern', 'concern-description'] },
  { id: 'history', items: ['lesion', 'rash', 'acne', 'hair', 'nail', 'other'] },
  { id: 'medications', items: ['medications.any', 'medication'] },
  { id: 'allergies', items: ['allergies.any', 'allergy'] },
  { id: 'fitzpatrick', items: ['fitzpatrick'] },
  { id: 'immunosuppression', items: ['immunosuppression'] },
  { id: 'sun', items: ['sun'] },
];
export const CLINICAL_SECTION_IDS: readonly ClinicalSectionId[] = [...SECTION_ITEMS.map((s) => s.id), 'other'];

export interface RedFlag {
  ruleId: TriageRuleId;
  priority: Exclude<TriagePriority, 'routine'>;
  /** The answers the rule read, as the patient gave them (an unanswered item is left out). */
  evidence: Extract<ReadableEntry, { kind: 'answer' }>[];
}

export interface ClinicalSection {
  id: ClinicalSectionId;
  entries: ReadableEntry[];
}

export interface ClinicalSummary {
  redFlags: RedFlag[];
  sections: ClinicalSection[];
}

/**
 * `firedRules` are the triage result stored with the case (core/triage); they are not recomputed here, so the
 * summary shows exactly the reasons the queue showed. Urgent flags come before soon ones, rule-table order kept.
 */
export function buildClinicalSummary(
  questionnaire: Questionnaire,
  response: QuestionnaireResponse,
  firedRules: readonly TriageRuleId[],
  text: ReadableText,
): ClinicalSummary {
  const definitions = indexQuestionnaire(questionnaire).items;
  const answered = indexResponse(response).byLinkId;
  const fired = new Set(firedRules);
  const redFlags: RedFlag[] = TRIAGE_RULES.filter((rule) => fired.has(rule.id))
    .sort((a, b) => (a.priority === b.priority ? 0 : a.priority === 'urgent' ? -1 : 1))
    .map((rule) => ({
      ruleId: rule.id,
      priority: rule.priority,
      evidence: rule.reads.flatMap((linkId) => {
        const definition = definitions.get(linkId);
        if (!definition) return [];
        return readableEntries([definition], answered.get(linkId) ?? [], text).filter(
          (entry): entry is Extract<ReadableEntry, { kind: 'answer' }> => entry.kind === 'answer',
        );
      }),
    }));

  const topLevel = questionnaire.item ?? [];
  const named = new Set(SECTION_ITEMS.flatMap((s) => s.items));
  const sectionOf = (ids: (linkId: string) => boolean) =>
    readableEntries(
      topLevel.filter((item) => ids(item.linkId)),
      response.item ?? [],
      text,
    );
  const sections: ClinicalSection[] = [
    ...SECTION_ITEMS.map((section) => ({ id: section.id, entries: sectionOf((id) => section.items.includes(id)) })),
    { id: 'other' as const, entries: sectionOf((id) => !named.has(id)) },
  ];
  return { redFlags, sections };
}
