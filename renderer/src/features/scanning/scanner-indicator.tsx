// The checkout's small scanner light: one badge per configured scanner with its link, and why it is down.
import { useTranslation } from 'react-i18next';
import type { ScannerLink } from '@mortar/main/contract';
import { useScannerStatus } from './use-scanning.js';

const badgeOf: Record<ScannerLink, string> = {
  connected: 'badge',
  connecting: 'badge',
  disconnected: 'badge badge-danger',
  stopped: 'badge',
};

export function ScannerIndicator() {
  const { t } = useTranslation();
  const status = useScannerStatus();
  const scanners = (status.data?.scanners ?? []).filter((s) => s.enabled);
  if (scanners.length === 0) return null;
  return (
    <p className="scanner-indicator muted" aria-label={t('scanning.indicator')} data-testid="scanner-indicator">
      {scanners.map((s) => (
        <span key={s.id} className={badgeOf[s.link]} data-testid="scanner-indicator-item" data-link={s.link} title={s.reason ? s.reason.message : undefined}>
          {s.name}: {t(`scanning.links.${s.link}`)}
        </span>
      ))}
    </p>
  );
}
