/**
 * Function words per language, accent-folded like the tokens they are compared with. English and
 * French are what we detect; the others are there so a Spanish or German post is recognised as
 * 'other' by evidence instead of being forced into the nearer of English and French.
 * Single letters left by elision (j'ai, l'appli, qu'il) are strong French signals.
 */
export const STOP_WORDS: Readonly<Record<string, string>> = {
  en: `the a an and or but so if then than of to in on at by for from with without about into over
    after before is are was were be been being am do does did done have has had having i me my mine
    we us our you your yours he him his she her it its they them their this that these those what
    which who whom whose when where why how can could will would shall should may might must not no
    yes just still again already yet very really too also only any some all every there here up out
    off get got please thanks thank hi hello hey anyone someone anything nothing my ive im dont cant
    wont isnt doesnt didnt havent because since until while just now today`,
  fr: `le la les l un une des du de d et ou mais donc car ni est sont etait ete etre avoir ai as avons
    avez ont avait je j tu il elle on nous vous ils elles me m te t se s moi toi lui leur leurs mon ma
    mes ton ta tes son sa ses notre nos votre vos ce cet cette ces c ca cela ceci qui que qu quoi dont
    en au aux avec sans pour par dans sur sous chez vers entre depuis pendant ne n pas plus jamais rien
    aucun aucune toujours encore deja aussi tres trop bien tout tous toute toutes comment pourquoi
    quand combien quel quelle quels quelles oui non merci bonjour bonsoir salut svp stp voila ya y
    suis es sommes etes fait faire peut peux pouvez veux voulez faut vais va allez sera serait`,
  es: `el los las lo un una unos unas y o pero es son esta estan estoy fue ser por para con sin del al
    que se mi mis tu tus su sus muy mas ya todavia aun hola gracias como porque cuando donde hay
    pedido nada nunca tengo tiene tienen esto eso este ese yo usted ustedes nosotros le les me`,
  de: `der die das den dem des ein eine einen einem einer und oder aber ist sind war waren bin bist
    nicht kein keine ich du er sie wir ihr mit fur auf von zu zum zur im am noch schon wie warum
    wann wo bitte danke hallo mein meine meinen dein ihr unser auch nur sehr immer habe hat haben
    wird werden kann konnen mehr heute seit`,
  it: `il lo gli di che non e sono per una uno con del della dei ma mio mia ancora grazie ciao perche
    come quando dove molto sempre anche questo questa ho hai ha abbiamo sei siamo nel nella alla`,
  pt: `o os as um uma e nao para com meu minha ainda obrigado obrigada ola voce por mas muito sempre
    tambem isso esse essa eu ele ela nos eles tem estou esta sao foi pelo pela ao dos das no na`,
  nl: `de het een en is niet ik jij van met voor op mijn nog maar waarom bedankt hallo ook heb
    hebt heeft zijn was wat wie hoe waar geen al dit dat deze die er naar bij uit om`,
};
