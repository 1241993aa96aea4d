/**
 * Phrase patterns for intent, matched against the tokens joined by single spaces (lower case,
 * accent-folded, no punctuation, "n't" spelled "not"), so "est-ce que" is "est ce que" and
 * "y a-t-il" is "y a t il". Compiled once, here.
 */

const NUMBER =
  '(?:\\d+|un|une|deux|trois|quatre|cinq|six|dix|plusieurs|des|quelques|a|an|one|two|three|four|five|six|ten|several|many|few)';
const UNIT = '(?:heures?|h|jours?|j|semaines?|mois|ans?|hours?|hrs?|days?|weeks?|months?|years?)';
const DAY =
  '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)';

/** Someone has been waiting: "depuis 3 semaines", "for two weeks", "since Monday", "10 days later". */
export const WAITING_RE = new RegExp(
  `\\b(?:(?:depuis|ca fait|cela fait|voila|for|since|over|already|it s been|been)\\s+(?:plus de |more than |over |about )?${NUMBER}\\s+${UNIT}|(?:depuis|since)\\s+(?:${DAY}|last week|la semaine derniere|le mois dernier|last month)|${NUMBER}\\s+${UNIT}\\s+(?:later|now|and still|plus tard|et toujours))\\b`,
);

/** The same problem again: "3e fois", "for the third time", "encore une fois", "yet again". */
export const REPEATED_RE =
  /\b(?:(?:\d+(?:e|eme|st|nd|rd|th)|deuxieme|troisieme|quatrieme|second|third|fourth|fifth|nth) (?:fois|time)|encore une fois|yet again|once again|again and again|de nouveau|a nouveau)\b/;

/** Things that went wrong, in both languages. */
export const PROBLEM_RE = new RegExp(
  [
    // English
    'still (?:not|no|nothing|waiting|have not|has not|broken|down|missing|charging|unable|can not|does not|do not|did not)',
    'broken|not work(?:ing|s)?|stopped working|(?:does|do|did|will|would|can) not (?:work|turn on|connect|charge|load|pair|open|start|sync|arrive)',
    'can not (?:log|login|sign|connect|access|pair|get|reach|pay|use|find|update|cancel|reset)',
    'crash(?:es|ed|ing)?|bugs?|buggy|glitch(?:es|y)?|errors?|outage|down again|offline|disconnect(?:s|ed|ing)?|keeps (?:crashing|failing|disconnecting|rebooting|dropping|freezing|restarting)',
    'frozen|freezes|stuck|charged twice|double charged?|overcharged|charged (?:me )?(?:again|twice)',
    'never (?:received|arrived|got|came|delivered|showed up|answered|responded)|not (?:received|delivered|arrived)',
    'missing|lost|damaged|stolen|late|delayed|wrong (?:item|order|size|address|amount)|cancel(?:led)?|scam(?:med)?',
    'unacceptable|worst|terrible|awful|useless|complaint|nobody (?:answers|responds|replies|helps|cares)',
    'no (?:response|answer|reply|refund|one|update|help)|fed up|sick of|waste of|disappointed|ridiculous|joke',
    'waiting (?:for (?:an answer|a reply|a response|my|the|weeks|days|months)|since)|still waiting',
    // French
    'toujours (?:pas|rien|en attente|aucune?|bloquee?|pas de)|marche (?:pas|plus)|fonctionne (?:pas|plus)|en panne',
    'plante|bugu?e?s?|beug|erreurs?|cassee?s?|abimee?s?|endommagee?s?|perdue?s?|retard|en retard',
    'jamais (?:recu|arrivee?|livree?|eu|rembourse)|pas (?:recu|ete livre|ete rembourse|ete livree|rembourse)',
    'prelev\\w* (?:deux fois|en double|a tort)|double prelevement|debitee? deux fois|facturee? deux fois|en double',
    'arnaque\\w*|scandale\\w*|inadmissible|inacceptable|honteu\\w*|honte|reclamation|plainte|litige|impossible de',
    'n arrive pas a|bloquee?|injoignables?|aucune reponse|pas de reponse|sans reponse|sans nouvelles',
    'j attends (?:toujours|encore|une reponse|depuis|mon|ma|mes|le|la|les)|attend toujours',
    'resili\\w*|deconnect\\w*|hors ligne|coupure|ne s allume plus|ne se connecte plus|nul|nulle|decue?s?|marre|catastroph\\w*',
  ].join('|'),
);
// The pattern above is matched repeatedly to count hits, so it needs its own global copy.
export const PROBLEM_GLOBAL_RE = new RegExp(`\\b(?:${PROBLEM_RE.source})\\b`, 'g');

/** Opening words of a question, after an optional greeting. */
export const QUESTION_START_RE =
  /^(?:(?:bonjour|bonsoir|hello|hi|hey|salut|coucou|allo)\s+)?(?:(?:how|what|why|when|where|who|which|whats|hows)\b|(?:can|could|do|does|did|is|are|will|would|should|has|have|am)\s+(?!not\b|never\b)(?:i|you|we|it|my|the|this|there|anyone|someone|u|y all|your)\b|(?:anyone|anybody|someone)\b|(?:comment|pourquoi|quand|ou|combien|quel|quelle|quels|quelles|qui|que faire|est ce|peut on|puis je|pouvez vous|pourriez vous|savez vous|avez vous|faut il|y a t il|c est normal|vous savez|quelqu un|ca marche comment|on fait comment)\b)/;

/** Question phrases anywhere in the text. */
export const QUESTION_ANY_RE =
  /\b(?:how (?:do|can|to|long|much|come)|is there (?:a|any)|any (?:idea|ideas|update|news|eta)|est ce que|est ce qu|comment (?:faire|on|je|puis|changer|modifier|obtenir|annuler|activer|recuperer|reinitialiser|se fait)|que faire|qu est ce|des nouvelles|help me|aidez moi|une idee|what should i|please advise|can (?:someone|anyone|you)|could (?:someone|you)|pouvez vous|pourriez vous|savez vous|quelqu un (?:sait|peut|a)|t il|t elle|t on|where is|where are|ou est|ou en est|when will|quand (?:est ce|vais je|sera|allez vous)|what happened|que se passe t il|vous pouvez m|(?:what|who|where|how|when) (?:do|should|can|could|would) (?:i|we))\b/;

export const PRAISE_RE =
  /\b(?:thanks?|thank you|thx|merci|bravo|kudos|love|adore|great job|well done|bien joue|recommend|recommande|au top|genial|amazing|awesome|best|meilleur|felicitations|congrats|chapeau|impeccable|parfait|perfect|super service|nickel)\b/;

/** Spam and scams: crypto, giveaways, follower farming, "DM me", money-making, link bait. */
export const SPAM_GLOBAL_RE = new RegExp(
  `\\b(?:${[
    'crypto\\w*|bitcoin|btc|eth|ethereum|nfts?|airdrop|presale|web3|binance|usdt|forex|trading signals?|pump',
    'giveaway|concours|win (?:a|an|free)|free (?:iphone|gift|money|followers|crypto)|gift card|carte cadeau',
    'follow back|follow for follow|f4f|follow me|suivez moi|abonnez vous|abonne toi|check (?:out )?my (?:bio|profile|page)',
    'link in (?:my )?bio|lien dans (?:ma )?bio|dm me|dm for|send me a dm|inbox me|ecris moi en (?:mp|dm)|en mp pour',
    'whatsapp|telegram|earn \\d+|make money|passive income|revenus? passifs?|gagne[rz]? de l argent|work from home',
    'investment opportunity|double your|onlyfans|promo code|code promo|discount code|click here|cliquez ici',
    'limited offer|offre limitee|100 free|buy followers|cheap followers|followers gratuits|sugar daddy|casino|bet now',
  ].join('|')})\\b`,
  'g',
);

export function countMatches(text: string, re: RegExp): number {
  const found = text.match(re);
  return found === null ? 0 : found.length;
}
