import { INTAKE_PAGE_IDS, type IntakePageId } from './intake-pages.ts';

/** The steps of a draft, in order: the intake pages, body sites, photos (guided capture per site), review. */
export type WizardStep = IntakePageId | 'body-sites' | 'photos' | 'review';
export const WIZARD_STEPS: readonly WizardStep[] = [...INTAKE_PAGE_IDS, 'body-sites', 'photos', 'review'];

export function isWizardStep(value: string | undefined): value is WizardStep {
  return (WIZARD_STEPS as readonly string[]).includes(value ?? '');
}

export function isIntakePage(step: WizardStep): step is IntakePageId {
  return (INTAKE_PAGE_IDS as readonly string[]).includes(step);
}

export function nextStep(step: WizardStep): WizardStep | undefined {
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1];
}

export function previousStep(step: WizardStep): WizardStep | undefined {
  const index = WIZARD_STEPS.indexOf(step);
  return index > 0 ? WIZARD_STEPS[index - 1] : undefined;
}

export function stepPath(caseId: string, step: WizardStep): string {
  return `/cases/${encodeURIComponent(caseId)}/edit/${step}`;
}
