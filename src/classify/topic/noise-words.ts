/**
 * Words that appear in examples of every topic and say nothing about any: time, counts, courtesy.
 * Without them "prélevé deux fois ce mois-ci" would pull "3e panne ce mois-ci" towards billing.
 */
export const TOPIC_NOISE_WORDS = `fois mois semaine semaines jour jours an ans annee heure heures minute minutes
  matin soir hier demain aujourd hui lundi mardi mercredi jeudi vendredi samedi dimanche time times month
  months week weeks day days year years hour hours minute minutes today yesterday tomorrow morning night
  un une deux trois quatre cinq one two three four five first second third encore again every chaque
  please svp stp merci thanks thank hello bonjour hi hey salut bonsoir ok okay vraiment really`;
