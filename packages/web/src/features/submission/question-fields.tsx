import type { QuestionnaireItem } from 'fhir/r4.js';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './field-errors.ts';
import { answerOptions, codingKey, type FieldValue, type QuantityInput, unitOptions } from './intake-form-values.ts';
import type { IntakeText } from './intake-text.ts';
import { type FormNode, fieldId, hasValue, type InstancePath } from './questionnaire-form-model.ts';

export interface FieldHandlers {
  onChange(at: InstancePath, linkId: string, value: FieldValue | undefined): void;
  onAddInstance(at: InstancePath, group: string): void;
  onRemoveInstance(at: InstancePath, group: string, index: number): void;
}

interface FieldsProps extends FieldHandlers {
  nodes: FormNode[];
  errors: FieldErrors;
  text: IntakeText;
  /** Heading level for group titles (h2 on a page, h3 inside a group). */
  level?: 2 | 3 | 4;
}

/** Extra help for particular questions, by linkId. */
const HINT_KEYS = { fitzpatrick: 'submission.fitzpatrickHint' } as const;

/** Renders the enabled items of the form model; the control follows the item type (see controlKind). */
export function QuestionFields({ nodes, level = 2, ...props }: FieldsProps) {
  return (
    <>
      {nodes.map((node) => {
        const key = `${node.kind}-${node.item.linkId}`;
        if (node.kind === 'group') return <GroupFields key={key} node={node} level={level} {...props} />;
        if (node.kind === 'repeating-group') return <RepeatingGroup key={key} node={node} level={level} {...props} />;
        return <Question key={key} node={node} {...props} />;
      })}
    </>
  );
}

type Shared = Omit<FieldsProps, 'nodes' | 'level'>;

function Heading({ level, id, children }: { level: 2 | 3 | 4; id?: string; children: string }) {
  if (level === 2) return <h2 id={id}>{children}</h2>;
  if (level === 3) return <h3 id={id}>{children}</h3>;
  return <h4 id={id}>{children}</h4>;
}

function nextLevel(level: 2 | 3 | 4): 2 | 3 | 4 {
  return level === 2 ? 3 : 4;
}

function GroupFields({
  node,
  level,
  ...props
}: Shared & { node: Extract<FormNode, { kind: 'group' }>; level: 2 | 3 | 4 }) {
  const id = `group-${node.item.linkId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  if (node.children.length === 0) return null;
  return (
    <section className="question-group" aria-labelledby={id}>
      <Heading level={level} id={id}>
        {props.text.item(node.item)}
      </Heading>
      <QuestionFields nodes={node.children} level={nextLevel(level)} {...props} />
    </section>
  );
}

function RepeatingGroup({
  node,
  level,
  ...props
}: Shared & { node: Extract<FormNode, { kind: 'repeating-group' }>; level: 2 | 3 | 4 }) {
  const { t } = useTranslation();
  const name = props.text.item(node.item);
  const error = props.errors.get(node.item.linkId);
  const errorId = `${fieldId(node.at, node.item.linkId)}-error`;
  return (
    <section className="question-group" aria-labelledby={`${errorId}-title`}>
      <Heading level={level} id={`${errorId}-title`}>
        {name}
      </Heading>
      {error && node.instances.length === 0 ? (
        <p id={errorId} className="field-error">
          {t(`submission.intakeErrors.${error}`)}
        </p>
      ) : null}
      {node.instances.map((instance) => {
        const number = instance.index + 1;
        const headingId = `${fieldId(node.at, node.item.linkId)}-${instance.index}`;
        return (
          <fieldset key={instance.index} className="group-instance" aria-labelledby={headingId}>
            <p id={headingId} className="group-instance-title">
              {t('submission.instanceHeading', { number })}
            </p>
            <QuestionFields nodes={instance.children} level={nextLevel(level)} {...props} />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => props.onRemoveInstance(node.at, node.item.linkId, instance.index)}
            >
              {t('submission.removeInstance', { number })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        className="button button-secondary"
        onClick={() => props.onAddInstance(node.at, node.item.linkId)}
      >
        {t(node.instances.length > 0 ? 'submission.addInstanceOf' : 'submission.addFirstInstance', { name })}
      </button>
    </section>
  );
}

function RequiredMark({ item }: { item: QuestionnaireItem }) {
  const { t } = useTranslation();
  if (!item.required) return null;
  return <span className="required-mark"> ({t('submission.required')})</span>;
}

function Question({ node, ...props }: Shared & { node: Extract<FormNode, { kind: 'question' }> }) {
  const { t } = useTranslation();
  const { item, at, value } = node;
  const id = fieldId(at, item.linkId);
  const code = props.errors.get(item.linkId);
  // Inside a repeating group the server names the question, not the instance: show "required" only where
  // it is empty, and other problems only where there is an answer.
  const error =
    code && (code === 'ANSWER_REQUIRED' ? !hasValue(value) : at.length === 0 || hasValue(value)) ? code : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const hintKey = HINT_KEYS[item.linkId as keyof typeof HINT_KEYS];
  const hintId = hintKey ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const label = props.text.item(item);
  const set = (next: FieldValue | undefined) => props.onChange(at, item.linkId, next);
  const errorText = error ? (
    <p id={errorId} className="field-error">
      {t(`submission.intakeErrors.${error}`)}
    </p>
  ) : null;
  const hint = hintKey ? (
    <p id={hintId} className="field-hint">
      {t(hintKey)}
    </p>
  ) : null;
  const className = error ? 'field field-invalid' : 'field';

  if (node.control === 'radio' || node.control === 'checkbox' || node.control === 'yes-no') {
    const options =
      node.control === 'yes-no'
        ? [
            { key: 'true', label: t('submission.yes'), checked: value === true },
            { key: 'false', label: t('submission.no'), checked: value === false },
          ]
        : answerOptions(item).map((coding) => ({
            key: codingKey(coding),
            label: props.text.answer(coding),
            checked: Array.isArray(value) && value.includes(codingKey(coding)),
          }));
    const isMultiple = node.control === 'checkbox';
    const choose = (key: string, checked: boolean) => {
      if (node.control === 'yes-no') return set(key === 'true');
      if (!isMultiple) return set([key]);
      const current = Array.isArray(value) ? value : [];
      set(checked ? [...current, key] : current.filter((k) => k !== key));
    };
    return (
      <fieldset className={`${className} choice-field`} aria-describedby={describedBy} id={id}>
        <legend>
          {label}
          <RequiredMark item={item} />
        </legend>
        {hint}
        {errorText}
        <div className={node.control === 'yes-no' ? 'choices choices-inline' : 'choices'}>
          {options.map((option, index) => (
            <label key={option.key} className="choice">
              <input
                type={isMultiple ? 'checkbox' : 'radio'}
                name={id}
                id={index === 0 ? `${id}-first` : undefined}
                value={option.key}
                checked={option.checked}
                aria-invalid={error ? true : undefined}
                onChange={(event) => choose(option.key, event.currentTarget.checked)}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    );
  }

  if (node.control === 'quantity') {
    const quantity: QuantityInput =
      typeof value === 'object' && !Array.isArray(value) ? value : { value: '', unit: '' };
    return (
      <fieldset className={className} aria-describedby={describedBy} id={id}>
        <legend>
          {label}
          <RequiredMark item={item} />
        </legend>
        {errorText}
        <div className="quantity-inputs">
          <div className="quantity-part">
            <label htmlFor={`${id}-first`}>{t('submission.amount')}</label>
            <input
              id={`${id}-first`}
              className="input input-number"
              type="number"
              inputMode="decimal"
              min={0}
              value={quantity.value}
              aria-invalid={error ? true : undefined}
              onChange={(event) => set({ ...quantity, value: event.currentTarget.value })}
            />
          </div>
          <div className="quantity-part">
            <label htmlFor={`${id}-unit`}>{t('submission.unit')}</label>
            <select
              id={`${id}-unit`}
              className="input"
              value={quantity.unit}
              aria-invalid={error ? true : undefined}
              onChange={(event) => set({ ...quantity, unit: event.currentTarget.value })}
            >
              <option value="">{t('submission.chooseUnit')}</option>
              {unitOptions(item).map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {props.text.answer(unit)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </fieldset>
    );
  }

  const inputId = `${id}-first`;
  const stringValue = typeof value === 'string' ? value : '';
  return (
    <div className={className}>
      <label htmlFor={inputId}>
        {label}
        <RequiredMark item={item} />
      </label>
      {hint}
      {errorText}
      {node.control === 'textarea' ? (
        <textarea
          id={inputId}
          className="input textarea"
          rows={4}
          maxLength={item.maxLength}
          value={stringValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => set(event.currentTarget.value)}
        />
      ) : (
        <input
          id={inputId}
          className={node.control === 'input' ? 'input' : 'input input-short'}
          type={node.control === 'date' ? 'date' : node.control === 'input' ? 'text' : 'number'}
          inputMode={node.control === 'integer' ? 'numeric' : node.control === 'decimal' ? 'decimal' : undefined}
          step={node.control === 'integer' ? 1 : node.control === 'decimal' ? 'any' : undefined}
          maxLength={node.control === 'input' ? item.maxLength : undefined}
          value={stringValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => set(event.currentTarget.value)}
        />
      )}
    </div>
  );
}
