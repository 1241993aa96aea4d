/**
 * English valences on an AFINN-like scale (-4..4), written for customer care: the words people use
 * about orders, bills, devices and support. Accent-folded, lower case; '_' joins the words of a
 * phrase. Phrases are never negated: they already carry their negation ("not working").
 */
export const EN_WORDS = `
bad:-2.5 terrible:-3 horrible:-3 awful:-3 worst:-3.5 worse:-2.5 poor:-2 poorly:-2 useless:-2.5
broken:-2 broke:-1.5 fail:-2 failed:-2 fails:-2 failure:-2 failing:-2 crash:-2 crashes:-2 crashed:-2
crashing:-2 bug:-1.5 bugs:-1.5 buggy:-2 glitch:-1.5 slow:-1.5 late:-1.5 delayed:-1.5 delay:-1.2
delays:-1.2 missing:-1.5 lost:-1.5 damaged:-2 stolen:-2 wrong:-1.5 error:-1.5 errors:-1.5 issue:-1
issues:-1 problem:-1.5 problems:-1.5 disappointed:-2.5 disappointing:-2.5 disappointment:-2.5
frustrated:-2.5 frustrating:-2.5 frustration:-2.5 annoyed:-2 annoying:-2 angry:-3 furious:-3.5 mad:-2
upset:-2 unhappy:-2.5 sad:-2 hate:-3 hated:-3 hates:-3 sucks:-3 suck:-2.5 scam:-3.5 scammed:-3.5
fraud:-3.5 ripoff:-3 ridiculous:-2.5 unacceptable:-3 disgrace:-3 disgraceful:-3 shameful:-3 shame:-2
pathetic:-3 incompetent:-3 incompetence:-3 rude:-2.5 unprofessional:-2.5 nightmare:-3 disaster:-3
mess:-2 garbage:-3 trash:-3 crap:-3 crappy:-3 shit:-3 shitty:-3 wtf:-2.5 ugh:-1.5 overcharged:-2.5
ignored:-2 ignoring:-2 ignore:-1.5 unreachable:-2 cancelled:-1.2 canceled:-1.2 refused:-1.5
declined:-1.5 stuck:-1.5 outage:-2 dead:-2 fake:-2 worthless:-3 regret:-2 avoid:-2 beware:-2.5
complaint:-1.5 complain:-1.5 misleading:-2 lies:-2.5 lied:-2.5 liar:-3 liars:-3 hopeless:-2.5
painful:-2 confusing:-1.5 expensive:-1.5 overpriced:-2 defective:-2.5 faulty:-2.5 laggy:-2 lag:-1.5
freezes:-2 freezing:-1.5 frozen:-1.5 unusable:-3 impossible:-1.5 worried:-1.5 shocked:-2
horrendous:-3.5 atrocious:-3.5 appalling:-3.5 abysmal:-3.5 dreadful:-3 lousy:-2.5 meh:-1 yikes:-1.5
joke:-1.5 fuming:-3 livid:-3.5 disgusted:-3 disgusting:-3 sick:-1.5
unreliable:-2.5 unresponsive:-2 hassle:-2 headache:-2 terribly:-2.5 ruined:-3 ruin:-2.5 sorry:-0.5
good:2 great:3 excellent:3.5 amazing:3.5 awesome:3.5 fantastic:3.5 wonderful:3.5 perfect:3
perfectly:2.5 love:3 loved:3 loves:3 loving:2.5 like:0.5 liked:1.5 nice:2 cool:1.5 happy:2.5 glad:2
pleased:2 satisfied:2 delighted:3 thrilled:3 impressed:2.5 impressive:2.5 best:3 better:1.5
brilliant:3 superb:3.5 outstanding:3.5 helpful:2.5 friendly:2 kind:2 quick:1.5 quickly:1.5 fast:1.5
smooth:1.5 easy:1.5 reliable:2 recommend:2 recommended:2 thanks:1.5 thank:1.5 thx:1.5 ty:1
appreciate:2 appreciated:2 kudos:2.5 bravo:2.5 congrats:2.5 congratulations:2.5 wow:1.5 yay:2
fixed:1.5 solved:1.5 resolved:1.5 worth:1.5 beautiful:3 gorgeous:3 lovely:3 enjoy:2 enjoying:2
enjoyed:2 fun:2 favorite:2.5 favourite:2.5 efficient:2 professional:1.5 fine:0.8 ok:0.3 okay:0.3
hero:2.5 lifesaver:3 legend:2.5 stellar:3 flawless:3 seamless:2.5 incredible:3 super:2.5
grateful:2.5 thankful:2.5 top:1 genius:2.5 works:0.5 finally:0.3 cheers:1.5 sweet:2 neat:1.5
win:1.5 free:1 gift:1.5 rock:1.5 rocks:2 loving:2.5 adore:3 adored:3 satisfying:2 enjoyable:2 pleasant:2
helped:1.5 recommending:2 disappoints:-2.5 failures:-2 broken:-2 annoys:-2 hating:-3 wasted:-2 waste:-2
excited:2.5 exciting:2.5 proud:2 funny:1.5 hilarious:2 hope:1 hopefully:1 winner:2 dangerous:-2 attack:-2
attacks:-2 killed:-3 kill:-2.5 death:-2.5 died:-2.5 crazy:-1 stupid:-2.5 idiot:-3 dumb:-2.5 fuck:-2.5 war:-2
terror:-3 terrorist:-3 bored:-1.5 boring:-2 tired:-1.5 scary:-2 scared:-2 afraid:-2 fear:-2 fault:-1.5
`;

export const EN_PHRASES = `
still_not:-1.5 still_no:-1.5 still_waiting:-2 still_have_not:-1.5 still_has_not:-1.5 still_nothing:-2
not_working:-2 not_work:-2 stopped_working:-2.5 not_received:-1.5 never_received:-2.5
never_arrived:-2.5 never_again:-3 no_response:-2 no_answer:-2 no_reply:-2 no_refund:-2 no_help:-2
no_one:-1.5 no_update:-1.5 no_way:-1.5 not_bad:1.5 no_problem:0.5 no_problems:0.5 no_issues:1
no_issue:0.5 charged_twice:-2.5 double_charged:-2.5 double_charge:-2 waste_of:-2.5 rip_off:-3 customer_service:0
well_done:2.5 thank_you:2 thanks_a_lot:2.5 keep_it_up:2 shout_out:2 five_stars:2.5 one_star:-2.5
what_a_joke:-2.5 fed_up:-3 sick_of:-2.5 tired_of:-2 let_down:-2 locked_out:-2 on_hold:-1.5
not_great:-1.5 keeps_failing:-2.5 keeps_crashing:-2.5 will_not_work:-2 does_not_work:-2
did_not_work:-2 can_not_wait:2.5 looking_forward:2 can_not_log:-1.5 can_not_connect:-1.5 can_not_pair:-1.5 not_good:-2 not_ok:-1.5 not_okay:-1.5 not_acceptable:-3 not_happy:-2
`;

export const EN_NEGATORS = 'not no never none nothing nobody neither nor without cannot hardly barely';
export const EN_INTENSIFIERS = `very really so super extremely totally absolutely completely incredibly truly
  such highly utterly seriously fucking damn bloody way sooo soooo too most`;
export const EN_CONTRASTS = 'but however though although yet';
