// The catalog as the Inventory section's first tab, with the open product's stock card a key away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks.js';
import { CatalogBrowser } from '../catalog/catalog-browser.js';
import { StockCardView } from './stock-card-view.js';

export function CatalogTab() {
  const { t } = useTranslation();
  const openProductId = useAppSelector((s) => s.catalog.openProductId);
  const [cardOf, setCardOf] = useState<string | null>(null);
  if (cardOf) return <StockCardView productId={cardOf} onClose={() => setCardOf(null)} />;
  return (
    <>
      <CatalogBrowser />
      {openProductId ? (
        <div className="toolbar">
          <button type="button" data-testid="catalog-open-stock-card" onClick={() => setCardOf(openProductId)}>
            {t('inventory.card.open')}
          </button>
        </div>
      ) : null}
    </>
  );
}
