import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../i18n/languages.ts';

/** Two buttons, each naming its language in that language; the current one is pressed. */
export function LanguageSwitcher({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('common.language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-option"
          aria-pressed={i18n.language === language}
          onClick={() => {
            if (i18n.language !== language) onChange(language);
          }}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </fieldset>
  );
}
