// Inventory → Stocktake: carry on with a count not yet approved, or start one.
import type { SessionInfo } from '@mortar/main/contract';
import { useCurrentStocktake } from './current-stocktake.js';
import { StocktakeOpen } from './stocktake-open.js';
import { StocktakeSheet } from './stocktake-sheet.js';
import { StocktakeStart } from './stocktake-start.js';

export function StocktakeTab({ session }: { session: SessionInfo }) {
  const current = useCurrentStocktake();
  return (
    <div className="stock-watch stocktake-tab" data-testid="stocktake-tab">
      {current ? (
        <StocktakeSheet key={current} stocktakeId={current} session={session} />
      ) : (
        <>
          <StocktakeOpen />
          <StocktakeStart />
        </>
      )}
    </div>
  );
}
