import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks.js';
import { SelectField } from '../../ui/field.js';
import { gsSubstitutes } from '../checkout/wedge-detector.js';
import { gsSubstituteChosen, isGsSubstitute, languageChosen, languages, themeChoices, themeChosen, type Language } from '../shell/preferences-slice.js';

export function AppearancePanel() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const theme = useAppSelector((s) => s.preferences.theme);
  const gsSubstitute = useAppSelector((s) => s.preferences.gsSubstitute) ?? null;
  return (
    <div className="panel appearance">
      <fieldset>
        <legend>{t('appearance.theme')}</legend>
        <div className="choices">
          {themeChoices.map((choice) => (
            <label key={choice} className="choice">
              <input type="radio" name="theme" value={choice} data-testid={`appearance-theme-${choice}`}
                checked={theme === choice} onChange={() => dispatch(themeChosen(choice))} />
              <span>{t(`theme.${choice}`)}</span>
            </label>
          ))}
        </div>
        <p className="field-hint">{t('appearance.themeHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('appearance.language')}</legend>
        <div className="choices">
          {languages.map((l) => (
            <label key={l} className="choice">
              <input type="radio" name="language" value={l} data-testid={`appearance-language-${l}`}
                checked={i18n.language === l} onChange={() => dispatch(languageChosen(l as Language))} />
              <span>{t(`languages.${l}`)}</span>
            </label>
          ))}
        </div>
        <p className="field-hint">{t('appearance.languageHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t('appearance.scanner')}</legend>
        <SelectField id="appearance-gs-substitute" testId="appearance-gs-substitute" label={t('appearance.gsSubstitute')}
          value={gsSubstitute ?? ''} hint={t('appearance.gsHint')}
          onChange={(v) => dispatch(gsSubstituteChosen(isGsSubstitute(v) ? v : null))}
          options={[{ value: '', label: t('appearance.gsNone') }, ...gsSubstitutes.map((c) => ({ value: c, label: c }))]} />
      </fieldset>
    </div>
  );
}
