/**
 * French valences on the same scale as the English ones, accent-folded ("decu" for déçu) because
 * mentions often drop accents. '_' joins the words of a phrase; elisions are split by the tokenizer,
 * so "n'importe quoi" is the tokens "n importe quoi". Phrases carry their own negation.
 */
export const FR_WORDS = `
nul:-3 nulle:-3 nuls:-3 nulles:-3 mauvais:-2.5 mauvaise:-2.5 horrible:-3 affreux:-3 catastrophe:-3
catastrophique:-3.5 lamentable:-3 pitoyable:-3 honteux:-3 honteuse:-3 honte:-3 scandale:-3.5
scandaleux:-3.5 inadmissible:-3.5 inacceptable:-3 intolerable:-3 arnaque:-3.5 arnaques:-3.5
arnaqueurs:-3.5 escroc:-3.5 escrocs:-3.5 escroquerie:-3.5 voleurs:-3 decu:-2.5 decue:-2.5 decus:-2.5
decevant:-2.5 decevante:-2.5 deception:-2.5 colere:-2.5 enerve:-2.5 enervee:-2.5 enervant:-2 agace:-2
furieux:-3 furieuse:-3 marre:-2.5 galere:-2 galerer:-2 probleme:-1.5 problemes:-1.5 souci:-1.2
soucis:-1.2 panne:-2 bug:-1.5 bugs:-1.5 beug:-1.5 bugue:-1.5 plante:-1.5 lent:-1.5 lente:-1.5
lenteur:-1.5 retard:-1.5 retards:-1.5 casse:-2 cassee:-2 abime:-2 abimee:-2 endommage:-2 perdu:-1.5
perdue:-1.5 erreur:-1.5 injoignable:-2.5 injoignables:-2.5 inutile:-2 incompetent:-3
incompetents:-3 incompetence:-3 irrespectueux:-2.5 impoli:-2.5 desagreable:-2.5 pire:-3 pourri:-3
pourrie:-3 naze:-2.5 merde:-3 chiant:-2.5 insupportable:-3 degoute:-2.5 degoutee:-2.5 triste:-2
dommage:-1.5 helas:-1.5 malheureusement:-1.5
reclamation:-1.5 plainte:-1.5 litige:-1.5 bloque:-1.5 bloquee:-1.5 refuse:-1.5 refusee:-1.5
annule:-1 annulee:-1 impossible:-1.5 fuyez:-3 evitez:-2.5 ridicule:-2.5 absurde:-2 aberrant:-3
moque:-2 moquez:-2.5 moquer:-2 foutez:-2.5 grr:-1.5 pff:-1.5 pfff:-1.5 bof:-1.5 mouais:-1 mal:-1.5
terrible:-1 deplorable:-3 minable:-3 lamentables:-3 inexistant:-2.5 desastre:-3 galeres:-2
vol:0 cher:0 inquiet:-1.5 inquiete:-1.5 stresse:-1.5 epuise:-1.5 desole:-0.5 desolee:-0.5
bien:1.5 bon:1 bonne:1.5 super:2.5 genial:3 geniale:3 excellent:3.5 excellente:3.5 parfait:3
parfaite:3 parfaitement:2.5 top:2.5 merci:1.5 remercie:1.5 remercier:1.5 bravo:2.5 felicitations:3
chapeau:2 adore:3 adorer:3 aime:2 aimer:2 love:3 cool:1.5 sympa:2 sympathique:2 agreable:2
efficace:2.5 rapide:1.5 rapidement:1 reactif:2.5 reactive:2.5 reactivite:2.5 content:2 contente:2
contents:2 ravi:3 ravie:3 ravis:3 satisfait:2 satisfaite:2 heureux:2.5 heureuse:2.5 magnifique:3
formidable:3 incroyable:2.5 impeccable:3 nickel:2.5 recommande:2 conseille:1.5 fiable:2 pratique:1.5
facile:1.5 professionnel:1.5 aimable:2 gentil:2 gentille:2 serviable:2.5 competent:2 meilleur:2.5
meilleure:2.5 resolu:1.5 merveilleux:3 chouette:2 kiffe:2.5 genialissime:3.5 extra:2
jadore:3 jaime:2 adorent:3 aiment:2 gagnez:1.5 gagner:1.5 cadeau:1.5 gratuit:1 reussi:2 reussie:2 voleur:-3
menace:-1.5 menacee:-1.5 menacees:-1.5 menaces:-1.5 mort:-2 morts:-2 disparaitre:-1.5 disparition:-1.5
danger:-2 dangereux:-2 polemique:-1.5 crise:-2 revolte:-2 pollution:-2 victimes:-2 guerre:-2.5 peur:-2
inquietant:-2 echec:-2 fier:2 fiere:2 succes:2 reussite:2 espoir:1.5 progres:1.5 victoire:2 gagne:1.5
hate:2 felicite:2.5
`;

export const FR_PHRASES = `
toujours_pas:-1.5 toujours_rien:-2 toujours_en_attente:-2 pas_recu:-1.5 jamais_recu:-2.5
jamais_arrive:-2.5 marche_pas:-2 marche_plus:-2 fonctionne_pas:-2 fonctionne_plus:-2
pas_de_reponse:-2 aucune_reponse:-2 sans_reponse:-2 sans_nouvelles:-2 pas_de_nouvelles:-1.5
pas_top:-2 pas_terrible:-2.5 pas_genial:-2 pas_mal:1.5 pas_de_souci:1 pas_de_probleme:1
sans_probleme:1.5 au_top:3 importe_quoi:-2.5 en_panne:-2 en_retard:-1.5 foutage_de_gueule:-3.5
a_fuir:-3 la_honte:-3 ras_le_bol:-3 service_client:0 mise_a_jour:0 mot_de_passe:0 bien_recu:1.5
rien_a_dire:1.5 nulle_part:0 pas_normal:-2 pas_serieux:-2.5 pas_content:-2 pas_contente:-2
pas_satisfait:-2 pas_satisfaite:-2 en_double:-1.5 connecte_plus:-2 connecte_pas:-2
allume_plus:-2 allume_pas:-2 charge_plus:-1.5 charge_pas:-1.5 demarre_plus:-2 demarre_pas:-2
repond_plus:-2 repond_pas:-2 repond_jamais:-2 arrive_pas:-1.5 sans_mon_accord:-2.5 bien_joue:2.5 trop_bien:3 trop_cher:-2 trop_long:-2 bonne_nouvelle:2.5 j_ai_hate:2
`;

export const FR_NEGATORS = 'ne n pas jamais rien aucun aucune ni sans personne guere';
export const FR_INTENSIFIERS = `tres vraiment trop tellement hyper ultra grave completement totalement
  absolument extremement vachement franchement carrement si super`;
export const FR_CONTRASTS = 'mais cependant pourtant neanmoins toutefois';
