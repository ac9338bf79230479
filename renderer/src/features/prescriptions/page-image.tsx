// The scanned page with a frame round the place each field was read from; the field being edited is drawn
// strongest, so the pharmacist compares the words with the ink without searching the page.
import { useTranslation } from 'react-i18next';
import type { PrescriptionReadingOut } from '@mortar/main/contract';

export function PageImage({ reading, imageUrl, activeField }: { reading: PrescriptionReadingOut; imageUrl: string; activeField: string | null }) {
  const { t } = useTranslation();
  const { width, height } = reading.page;
  return (
    <figure className="rx-page" style={{ position: 'relative', margin: 0 }} data-testid="rx-page">
      <img src={imageUrl} alt={t('prescriptions.review.image')} style={{ display: 'block', width: '100%', height: 'auto' }} />
      {width > 0 && height > 0
        ? Object.entries(reading.fields).map(([name, field]) =>
            field.box === null ? null : (
              <span key={name} data-testid="rx-box" data-field={name} data-active={name === activeField ? 'true' : undefined} aria-hidden="true"
                style={{
                  position: 'absolute',
                  left: `${(field.box.x0 / width) * 100}%`,
                  top: `${(field.box.y0 / height) * 100}%`,
                  width: `${((field.box.x1 - field.box.x0) / width) * 100}%`,
                  height: `${((field.box.y1 - field.box.y0) / height) * 100}%`,
                  outline: name === activeField ? '3px solid #d97706' : '1px solid rgba(37, 99, 235, 0.6)',
                  background: name === activeField ? 'rgba(217, 119, 6, 0.18)' : 'transparent',
                }} />
            ),
          )
        : null}
    </figure>
  );
}
