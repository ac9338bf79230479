// The pharmacy's base currency and its minor digits: costs are typed and shown in it.
import { useGetSetupStatusQuery } from '../../app/api.js';
import { minorDigits } from '../../format/money.js';

export function useBaseCurrency(): { currency: string; digits: number } {
  const status = useGetSetupStatusQuery();
  const currency = status.data?.pharmacy?.baseCurrency ?? 'GBP';
  return { currency, digits: minorDigits(currency) };
}
