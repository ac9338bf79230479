/** ISO 4217 codes the platform knows, each with its name in the screen's language, sorted by code. */
export function currencyOptions(locale: string): { value: string; label: string }[] {
  const codes = Intl.supportedValuesOf('currency');
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([locale], { type: 'currency' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    const name = names?.of(code);
    return { value: code, label: name && name !== code ? `${code} — ${name}` : code };
  });
}

/** A sensible first choice from the browser's locale: its region's currency where we can tell, else EUR. */
export function defaultCurrency(locale: string): string {
  const region = (() => {
    try {
      return new Intl.Locale(locale).maximize().region;
    } catch {
      return undefined;
    }
  })();
  const byRegion: Record<string, string> = {
    US: 'USD',
    GB: 'GBP',
    CH: 'CHF',
    CA: 'CAD',
    AU: 'AUD',
    NZ: 'NZD',
    IE: 'EUR',
    DE: 'EUR',
    AT: 'EUR',
  };
  return (region && byRegion[region]) ?? 'EUR';
}
