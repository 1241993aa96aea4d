/**
 * The spike alert settings page, in English. Spread into `en`; the French side
 * (messages-spikes-fr.ts) is typed against these keys.
 */
export const spikesEn = {
  'nav.alerts': 'Alerts',
  'spikes.title': 'Spike alerts',
  'spikes.intro':
    'Every ten minutes Passerelle compares the last hour with the same hour on each of the previous seven days and on the same weekday of the previous four weeks, for each brand and each of its topics. An hour past these thresholds alerts the marketing channels once, in the brand’s language, with a link to the mentions behind it.',
  'spikes.none': 'No brand yet.',
  'spikes.defaults': 'Default thresholds',
  'spikes.savedBadge': 'Own thresholds',
  'spikes.alerts': 'Send spike alerts for this brand',
  'spikes.ratio': 'Volume: times the usual',
  'spikes.ratioHelp':
    'An hour is a volume spike when it has at least this many times the usual mentions for that hour. 2 means twice as many. Between 1.2 and 50.',
  'spikes.minMentions': 'Minimum mentions in the hour',
  'spikes.minMentionsHelp':
    'Quieter hours never alert, whatever their share: two angry posts are not a crisis. A whole number from 1.',
  'spikes.negativeRise': 'Rise of the negative share, in points',
  'spikes.negativeRiseHelp':
    'An hour is a negative spike when its share of negative mentions is this many percentage points above the usual: 20 means from 10 % to 30 %. Between 1 and 100.',
  'spikes.save': 'Save the thresholds',
  'spikes.saved': 'Thresholds saved for {brand}. The next check uses them.',
  'spikes.errors': 'The thresholds were not saved:',
  'spikes.err.ratio': 'enter a number between 1.2 and 50.',
  'spikes.err.minMentions': 'enter a whole number between 1 and 100,000.',
  'spikes.err.negativeRise': 'enter a number of points between 1 and 100.',
  'spikes.err.alerts': 'tick the box or leave it empty.',
  'spikes.recent': 'Last spikes found',
  'spikes.noRecent': 'No spike found for this brand yet.',
  'spikes.colHour': 'Hour',
  'spikes.colWhat': 'Where',
  'spikes.colKind': 'Kind',
  'spikes.colMentions': 'Mentions',
  'spikes.colAlerted': 'Alerted',
  'spikes.all': 'All mentions',
  'spikes.kind.volume': 'Volume',
  'spikes.kind.negative': 'Negative share',
  'spikes.yes': 'Yes',
  'spikes.ongoing': 'No, already going on',
  'spikes.mentions': 'See the mentions',
} as const;

export type SpikesMessageKey = keyof typeof spikesEn;
