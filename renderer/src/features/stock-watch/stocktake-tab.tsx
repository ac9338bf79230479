// Inventory → Stocktake: start a count, or carry on with the one this terminal is counting.
import type { SessionInfo } from '@mortar/main/contract';
import { useCurrentStocktake } from './current-stocktake.js';
import { StocktakeSheet } from './stocktake-sheet.js';
import { StocktakeStart } from './stocktake-start.js';

export function StocktakeTab({ session }: { session: SessionInfo }) {
  const current = useCurrentStocktake();
  return (
    <div className="stock-watch stocktake-tab" data-testid="stocktake-tab">
      {current ? <StocktakeSheet key={current} stocktakeId={current} session={session} /> : <StocktakeStart />}
    </div>
  );
}
