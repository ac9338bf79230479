// The checkout's small scanner light: one dot per configured scanner with its link, and why it is down.
import { useTranslation } from 'react-i18next';
import { useScannerStatus } from './use-scanning.js';

export function ScannerIndicator() {
  const { t } = useTranslation();
  const status = useScannerStatus();
  const scanners = (status.data?.scanners ?? []).filter((s) => s.enabled);
  if (scanners.length === 0) return null;
  return (
    <ul className="scanner-indicator" aria-label={t('scanning.indicator')} data-testid="scanner-indicator">
      {scanners.map((s) => (
        <li key={s.id} className={`scanner-light link-${s.link}`} data-testid="scanner-indicator-item" data-link={s.link}
          title={s.reason ? s.reason.message : undefined}>
          <span className="dot" aria-hidden="true" /> {s.name}: {t(`scanning.links.${s.link}`)}
        </li>
      ))}
    </ul>
  );
}
