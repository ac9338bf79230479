import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';

/** A section that is not built yet says what will live there, and offers nothing that pretends to work. */
export function PlaceholderPanel({ section }: { section: 'prescriptions' | 'customers' }) {
  const { t } = useTranslation();
  const focusRequest = useAppSelector((s) => s.navigation.focusRequest);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusRequest, section]);
  return (
    <section className="panel placeholder" data-testid="section-placeholder" aria-labelledby="placeholder-title">
      <h2 id="placeholder-title" tabIndex={-1} ref={heading}>
        {t(`nav.${section}`)}
      </h2>
      <p className="placeholder-status">{t('placeholder.notYet')}</p>
      <p>{t(`placeholder.${section}`)}</p>
    </section>
  );
}
