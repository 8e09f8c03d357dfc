"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Sends the browser's time zone with a date, so a day picked as the end means the end of that day on the picker's clock. */
export function TimeZoneField() {
  const zone = useSyncExternalStore(noop, browserZone, () => "");
  return <input type="hidden" name="timeZone" value={zone} />;
}
