import { AGE_GROUPS, type QueueCounts, REVIEW_STATES, TRIAGE_PRIORITIES } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/select-field.tsx';
import { TextField } from '../../ui/text-field.tsx';
import type { QueueFilters } from './queue-query.ts';

const CONCERNS = ['lesion', 'rash', 'other'] as const;

interface Props {
  filters: QueueFilters;
  /** Counts per value under the other filters; null while the first page loads. */
  counts: QueueCounts | null;
  onChange: (key: keyof QueueFilters, value: string) => void;
  onClear: () => void;
}

/** The queue's filters; each choice shows how many cases it would list. */
export function QueueFilterForm({ filters, counts, onChange, onClear }: Props) {
  const { t } = useTranslation();
  const option = (label: string, count: number | undefined) =>
    count === undefined ? label : t('reviewQueue.option', { label, count });
  return (
    <form className="queue-filters" aria-label={t('reviewQueue.filtersLabel')} onSubmit={(e) => e.preventDefault()}>
      <SelectField
        id="queue-concern"
        label={t('reviewQueue.filters.concern')}
        value={filters.concern ?? ''}
        onChange={(e) => onChange('concern', e.target.value)}
      >
        <option value="">{t('reviewQueue.all')}</option>
        {CONCERNS.map((c) => (
          <option key={c} value={c}>
            {option(t(`concerns.${c}`), counts?.concern[c])}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="queue-priority"
        label={t('reviewQueue.filters.priority')}
        value={filters.priority ?? ''}
        onChange={(e) => onChange('priority', e.target.value)}
      >
        <option value="">{t('reviewQueue.all')}</option>
        {TRIAGE_PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {option(t(`reviewQueue.priorities.${p}`), counts?.priority[p])}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="queue-age-group"
        label={t('reviewQueue.filters.ageGroup')}
        value={filters.ageGroup ?? ''}
        onChange={(e) => onChange('ageGroup', e.target.value)}
      >
        <option value="">{t('reviewQueue.all')}</option>
        {AGE_GROUPS.map((g) => (
          <option key={g} value={g}>
            {option(t(`reviewQueue.ageGroups.${g}`), counts?.ageGroup[g])}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="queue-review"
        label={t('reviewQueue.filters.review')}
        value={filters.review ?? ''}
        onChange={(e) => onChange('review', e.target.value)}
      >
        <option value="">{t('reviewQueue.all')}</option>
        {REVIEW_STATES.map((s) => (
          <option key={s} value={s}>
            {option(t(`reviewQueue.reviewStates.${s}`), counts?.review[s])}
          </option>
        ))}
      </SelectField>
      <TextField
        id="queue-submitted-from"
        type="date"
        label={t('reviewQueue.filters.submittedFrom')}
        value={filters.submittedFrom ?? ''}
        onChange={(e) => onChange('submittedFrom', e.target.value)}
      />
      <TextField
        id="queue-submitted-to"
        type="date"
        label={t('reviewQueue.filters.submittedTo')}
        value={filters.submittedTo ?? ''}
        onChange={(e) => onChange('submittedTo', e.target.value)}
      />
      <button type="button" className="button button-secondary queue-filters-clear" onClick={onClear}>
        {t('reviewQueue.clearFilters')}
      </button>
    </form>
  );
}
