import { useTranslation } from 'react-i18next';
import { WIZARD_STEPS, type WizardStep } from './wizard-steps.ts';

/** "Step 3 of 6" with a native progress bar (no inline styles under the CSP). */
export function StepProgress({ step }: { step: WizardStep }) {
  const { t } = useTranslation();
  const current = WIZARD_STEPS.indexOf(step) + 1;
  const total = WIZARD_STEPS.length;
  const label = t('submission.stepOf', { current, total });
  return (
    <div className="step-progress">
      <p className="step-progress-text">{label}</p>
      <progress max={total} value={current} aria-label={t('submission.progressLabel')}>
        {label}
      </progress>
    </div>
  );
}
