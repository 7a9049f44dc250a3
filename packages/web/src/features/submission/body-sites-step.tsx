import { type BodySiteDefinition, type CaseBodySite, findBodySite } from '@dermis/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BodyMap } from './body-map/body-map.tsx';
import { type BodySiteChoice, isSameChoice, type Laterality } from './body-map/body-site-selection.ts';
import { type BodyRegion, groupBodySites } from './body-site-groups.ts';
import type { IntakeText } from './intake-text.ts';

export type { BodySiteChoice } from './body-map/body-site-selection.ts';

function upperFirst(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** "Left forearm" in the reader's language, from the code and side (the server's label is English only). */
export function useBodySiteLabel(text: IntakeText) {
  const { t } = useTranslation();
  return (choice: { site: string; laterality: Laterality | null }) => {
    const site = text.bodySite(choice.site);
    // The site is lower-cased inside the phrase ("Left forearm"); the phrase starts with a capital in any
    // language ("Antebrazo, lado izquierdo").
    if (choice.laterality === 'left') return upperFirst(t('bodySites.labelLeft', { site: site.toLowerCase() }));
    if (choice.laterality === 'right') return upperFirst(t('bodySites.labelRight', { site: site.toLowerCase() }));
    if (choice.laterality === 'bilateral') return t('bodySites.labelBilateral', { site });
    return site;
  };
}

/**
 * A body map beside a grouped, searchable list of the body-site catalogue, both showing and changing the one
 * chosen list. In the list each site is added with a button; sites with sides ask which side first. The list
 * is the plain form-control equivalent of the map and holds the parts the map leaves out.
 */
export function BodySitesPicker({
  chosen,
  text,
  isBusy,
  isOnBehalf,
  onChange,
}: {
  chosen: readonly CaseBodySite[];
  text: IntakeText;
  isBusy: boolean;
  /** A referring clinician choosing for a patient. */
  isOnBehalf: boolean;
  onChange: (next: BodySiteChoice[]) => void;
}) {
  const { t } = useTranslation();
  const searchId = useId();
  const [search, setSearch] = useState('');
  const label = useBodySiteLabel(text);
  const groups = groupBodySites(search, text.bodySite);
  const current: BodySiteChoice[] = chosen.map((c) => ({ site: c.site, laterality: c.laterality }));

  return (
    <div className="body-sites-layout">
      <BodyMap chosen={current} isBusy={isBusy} isOnBehalf={isOnBehalf} label={label} onChange={onChange} />
      <div>
        <section className="chosen-sites" aria-labelledby="chosen-sites-title">
          <h2 id="chosen-sites-title">{t('bodySites.chosen')}</h2>
          {current.length === 0 ? (
            <p>{t('bodySites.none')}</p>
          ) : (
            <ul className="chosen-site-list">
              {current.map((choice, index) => {
                const name = label(choice);
                return (
                  <li key={`${choice.site}|${choice.laterality ?? ''}`}>
                    <span>{name}</span>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      disabled={isBusy}
                      aria-label={t('bodySites.removeSite', { site: name })}
                      onClick={() => onChange(current.filter((_, i) => i !== index))}
                    >
                      {t('bodySites.remove')}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <div className="field site-search">
          <label htmlFor={searchId}>{t('bodySites.search')}</label>
          <p id={`${searchId}-hint`} className="field-hint">
            {t('bodySites.searchHint')}
          </p>
          <input
            id={searchId}
            type="search"
            className="input"
            value={search}
            aria-describedby={`${searchId}-hint`}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </div>
        {groups.length === 0 ? <p role="status">{t('bodySites.noMatches')}</p> : null}
        {groups.map((group) => (
          <RegionList
            key={group.region}
            region={group.region}
            sites={group.sites}
            current={current}
            text={text}
            isBusy={isBusy}
            onAdd={(choice) => onChange([...current, choice])}
          />
        ))}
      </div>
    </div>
  );
}

function RegionList({
  region,
  sites,
  current,
  text,
  isBusy,
  onAdd,
}: {
  region: BodyRegion;
  sites: BodySiteDefinition[];
  current: BodySiteChoice[];
  text: IntakeText;
  isBusy: boolean;
  onAdd: (choice: BodySiteChoice) => void;
}) {
  const { t } = useTranslation();
  const titleId = `region-${region}`;
  return (
    <section className="site-region" aria-labelledby={titleId}>
      <h2 id={titleId}>{t(`bodySites.groups.${region}`)}</h2>
      <ul className="site-list">
        {sites.map((site) => (
          <SiteRow key={site.code} site={site} current={current} text={text} isBusy={isBusy} onAdd={onAdd} />
        ))}
      </ul>
    </section>
  );
}

function SiteRow({
  site,
  current,
  text,
  isBusy,
  onAdd,
}: {
  site: BodySiteDefinition;
  current: BodySiteChoice[];
  text: IntakeText;
  isBusy: boolean;
  onAdd: (choice: BodySiteChoice) => void;
}) {
  const { t } = useTranslation();
  const [side, setSide] = useState<Laterality | ''>('');
  const name = text.bodySite(site.code);
  const sideId = `side-${site.code}`;
  const isChosen = (laterality: Laterality | null) =>
    current.some((c) => isSameChoice(c, { site: site.code, laterality }));
  const isLateral = findBodySite(site.code)?.isLateral ?? false;
  const alreadyChosen = isLateral ? side !== '' && isChosen(side) : isChosen(null);

  return (
    <li className="site-row">
      <span className="site-name" id={`${sideId}-name`}>
        {name}
      </span>
      {isLateral ? (
        <select
          id={sideId}
          className="input site-side"
          aria-label={t('bodySites.side', { site: name.toLowerCase() })}
          value={side}
          onChange={(event) => setSide(event.currentTarget.value as Laterality | '')}
        >
          <option value="">{t('bodySites.chooseSideOption')}</option>
          <option value="left">{t('bodySites.left')}</option>
          <option value="right">{t('bodySites.right')}</option>
          <option value="bilateral">{t('bodySites.bilateral')}</option>
        </select>
      ) : null}
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={isBusy || alreadyChosen || (isLateral && side === '')}
        aria-label={alreadyChosen ? t('bodySites.alreadyChosen') : t('bodySites.addSite', { site: name })}
        onClick={() => {
          onAdd({ site: site.code, laterality: isLateral ? (side as Laterality) : null });
          setSide('');
        }}
      >
        {alreadyChosen ? t('bodySites.alreadyChosen') : t('bodySites.add')}
      </button>
    </li>
  );
}
