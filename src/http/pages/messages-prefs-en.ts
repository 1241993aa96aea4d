/**
 * The reader's preferences (time zone) and what the reports say about zones and exact term counts,
 * in English. Spread into `en`; the French side is messages-prefs-fr.ts.
 */
export const prefsEn = {
  'prefs.title': 'Your preferences',
  'prefs.link': 'Preferences',
  'prefs.timezone': 'Time zone for reports',
  'prefs.timezoneHelp':
    'Reports show days and hours in this zone. Leave it on the brand’s zone to read each brand in its own.',
  'prefs.brandZone': 'The brand’s zone',
  'prefs.save': 'Save',
  'prefs.saved': 'Saved.',
  'prefs.invalid': 'This is not a time zone.',
  'rep.tzFrom.filter': 'chosen here',
  'rep.tzFrom.user': 'your preference',
  'rep.tzFrom.brand': 'the brand’s zone',
  'rep.tzFrom.utc': 'UTC',
  'rep.tzChange': 'change',
  'rep.topics.counted':
    'Terms are counted over every mention: {current} in this period, {previous} in the previous one.',
} as const;
