import { BODY_SITES, findBodySite, type ImageRequest, REQUESTED_PHOTO_VIEWS, type ResponseProblem } from '@dermis/core';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/select-field.tsx';
import { problemKey } from './problem-text.ts';

const LATERALITIES = ['left', 'right', 'bilateral'] as const;
const MAX_REQUESTS = 10;

function blankRequest(): ImageRequest {
  return { site: '', laterality: null, view: null, instruction: '' };
}

/** "Additional images requested": each photo by body site, view and an instruction in the patient's words. */
export function ImageRequestFields({
  idPrefix,
  requests,
  problems,
  onChange,
}: {
  idPrefix: string;
  requests: readonly ImageRequest[];
  problems: readonly ResponseProblem[];
  onChange: (requests: ImageRequest[]) => void;
}) {
  const { t } = useTranslation();
  const error = (path: string) => {
    const key = problemKey(problems, path);
    return key ? t(key) : null;
  };
  const replace = (index: number, change: Partial<ImageRequest>) =>
    onChange(requests.map((request, i) => (i === index ? { ...request, ...change } : request)));
  const listError = error('imageRequests');

  return (
    <fieldset className="response-group">
      <legend>{t('response.images.title')}</legend>
      {listError ? <p className="field-error">{listError}</p> : null}
      <ol className="response-requests">
        {requests.map((request, index) => {
          const id = `${idPrefix}-${index}`;
          const site = findBodySite(request.site);
          const instructionError = error(`imageRequests/${index}/instruction`);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: requests have no id until signed; order is their identity.
            <li key={index} className="response-request form-grid form">
              <SelectField
                id={`${id}-site`}
                label={t('response.images.site')}
                value={request.site}
                error={error(`imageRequests/${index}/site`)}
                onChange={(event) => {
                  const chosen = findBodySite(event.target.value);
                  replace(index, { site: event.target.value, laterality: chosen?.isLateral ? 'left' : null });
                }}
              >
                <option value="">{t('response.images.chooseSite')}</option>
                {BODY_SITES.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.display}
                  </option>
                ))}
              </SelectField>
              {site?.isLateral ? (
                <SelectField
                  id={`${id}-side`}
                  label={t('response.images.side')}
                  value={request.laterality ?? ''}
                  onChange={(event) =>
                    replace(index, { laterality: LATERALITIES.find((l) => l === event.target.value) ?? null })
                  }
                >
                  {LATERALITIES.map((side) => (
                    <option key={side} value={side}>
                      {t(`bodySites.${side}`)}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              <SelectField
                id={`${id}-view`}
                label={t('response.images.view')}
                value={request.view ?? ''}
                error={error(`imageRequests/${index}/view`) ?? error(`imageRequests/${index}`)}
                onChange={(event) =>
                  replace(index, { view: REQUESTED_PHOTO_VIEWS.find((v) => v === event.target.value) ?? null })
                }
              >
                <option value="">{t('response.images.chooseView')}</option>
                {REQUESTED_PHOTO_VIEWS.map((view) => (
                  <option key={view} value={view}>
                    {t(`response.views.${view}`)}
                  </option>
                ))}
              </SelectField>
              <div className={instructionError ? 'field field-invalid' : 'field'}>
                <label htmlFor={`${id}-instruction`}>{t('response.images.instruction')}</label>
                {instructionError ? (
                  <p id={`${id}-instruction-error`} className="field-error">
                    {instructionError}
                  </p>
                ) : null}
                <textarea
                  id={`${id}-instruction`}
                  className="input response-textarea-short"
                  maxLength={2000}
                  value={request.instruction}
                  aria-invalid={instructionError ? true : undefined}
                  aria-describedby={instructionError ? `${id}-instruction-error` : undefined}
                  onChange={(event) => replace(index, { instruction: event.target.value })}
                />
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => onChange(requests.filter((_, i) => i !== index))}
                >
                  {t('response.images.remove', { number: index + 1 })}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        disabled={requests.length >= MAX_REQUESTS}
        onClick={() => onChange([...requests, blankRequest()])}
      >
        {t('response.images.add')}
      </button>
    </fieldset>
  );
}
