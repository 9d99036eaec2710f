"""Which ACLED sub-event type(s) a window of text describes: a weighted trigger lexicon.

Each rule adds weight to one sub-event type when its pattern matches; context
rules then move weight between related types the way ACLED's codebook tells
them apart (a protest met with tear gas is "Protest with intervention", one met
with live fire "Excessive force against protesters"; captured territory goes to
the government or to a non-state actor depending on who took it; a bomb carried
by its bomber is a "Suicide bomb", not a remote one).

The lexicon is frontwire's own, written from ACLED's codebook definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .taxonomy import SUB_EVENT_TYPES

# ---- sub-event type -> [(weight, pattern)] -------------------------------------------------
_W = r"(?:\w+\W+){0,%d}?"  # a few intervening words

_LEXICON: dict[str, list[tuple[float, str]]] = {
    "Armed clash": [
        (2.0, r"\bclash(?:es|ed|ing)?\b"),
        (2.0, r"\b(?:heavy |fierce |intense |sporadic )?fighting\b"),
        (2.0, r"\bgun ?(?:battle|fight)s?\b|\bfire ?fights?\b|\bshoot-?outs?\b"),
        (2.0, r"\bexchange[sd]? (?:of )?(?:gun)?fire\b|\bexchanging fire\b|\bfire exchange\b|\bengaged in (?:a )?(?:fierce )?(?:battle|fight|combat|firefight)"),
        (1.5, r"\bbattl(?:e|es|ed|ing)\b|\bcombat\b|\bconfrontations?\b|\bskirmish(?:es)?\b"),
        (2.0, r"\b(?:attack(?:ed|s)?|raid(?:ed|s)?|storm(?:ed)?|target(?:ed)?) (?:on )?(?:the )?(?:\w+\W+){0,4}?(?:positions?|posts?|checkpoints?|bases?|convoy|outposts?|barracks|patrol|troops|soldiers|forces|headquarters?|police station|military|militias?|militia group|rebels|militants|insurgents|fighters)\b"),
        (2.0, r"\bkill(?:ed|ing)? (?:and wounded |and injured )?(?:\w+\W+){0,3}?(?:militants|insurgents|rebels|terrorists|fighters|jihadists|gunmen)\b"),
        (1.0, r"\bambush(?:ed|es)?\b|\boffensive\b|\bassault\b|\brepel(?:led)?\b|\bcounter-?attack"),
        (1.0, r"\b(?:soldiers|troops|militants|fighters|rebels|insurgents|gunmen|policem[ae]n|officers) (?:were|was|have been) killed\b"),
        (0.8, r"\bkilled (?:\d+|\w+) (?:militants|insurgents|rebels|terrorists|fighters|soldiers)\b"),
        (0.6, r"\bmilitants?\b|\binsurgents?\b|\bsecurity forces\b"),
    ],
    "_territory": [  # resolved to government / non-state below
        (3.5, r"\b(?:re)?captur(?:e|ed|es|ing)\b(?! alive)|\bre-?took\b|\bretak(?:e|en|ing)\b|\bliberat(?:e|ed|ing|ion)\b|\b(?:took|taken|take|taking) over\b|\bgained ground\b|\bregain(?:ed|ing)? (?:\w+\W+){0,2}?(?:territory|ground|control|areas?)\b|\bwon back\b|\brecovered control\b"),
        (3.5, r"\b(?:seized|took|taken|takes|taking|gained|regained|wrested|established|restored|retaining|recovered|imposed) (?:full |total |complete )?control\b|\bin (?:full )?control of\b|\bin the hands of\b"),
        (3.5, r"\bseiz(?:e|ed|es|ing)\b (?:(?:\w+\W+){0,3}?)(?:town|village|city|area|district|hill|base|airport|border|crossing|neighbou?rhood|region|territory|positions?|strongholds?|site|heights|mountain|road|highway|outskirts)"),
        (2.0, r"\b(?:advanc(?:e|es|ed|ing)|push(?:ed)? (?:back|out)|drove out|driven out|pushed (?:\w+\W+){0,3}?out of|expelled|overran|overrun|storm(?:ed)?|entered|fell to|falls to|recovered)\b"),
        (1.0, r"\bwithdrawal\b|\bretreat(?:ed)?\b|\bdefeat\b|\bmarch(?:ed)? (?:deeper|into)\b"),
    ],
    "Non-violent transfer of territory": [
        (1.0, r"\b(?:withdr[ae]w(?:n|al)?|pull(?:ed|s)? out|handed over|hand over|evacuat(?:ion|ed|e)|surrender(?:ed)?|abandoned|deserted|vacated)\b"),
        (3.0, r"\bwithout (?:a )?(?:fight|resistance|fighting|clashes)\b|\bunopposed\b|\bevacuation (?:deal|agreement)\b|\bhanded (?:it )?over\b|\bhand(?:ed)? (?:\w+\W+){0,2}?control\b|\bhandover\b"),
    ],
    "Chemical weapon": [
        (4.0, r"\bchemical (?:weapons?|attacks?|agents?|munitions?|strikes?)\b|\bpoison(?:ous)? gas(?:es)?\b|\btoxic (?:gas(?:es)?|chemicals?|substances?)\b"),
        (4.0, r"\bchlorine\b|\bsarin\b|\bnerve (?:agent|gas)\b|\bmustard gas\b|\borganophosph"),
        (1.0, r"\bsuffocat(?:ion|ed|ing)\b|\bgas attack\b|\bchemicals?\b|\brespiratory\b|\bbreathing difficult"),
    ],
    "Air/drone strike": [
        (3.0, r"\bair ?strikes?\b|\bair-?strikes?\b|\bair ?raids?\b|\baerial (?:bombardment|bombing|attack|strikes?)\b|\bbombing raids?\b"),
        (2.5, r"\bwar ?planes?\b|\bjets?\b|\bfighter (?:jets?|planes?|aircraft)\b|\baircraft\b|\bhelicopters?\b|\bgunships?\b|\bbombers\b"),
        (3.0, r"\bdrones?\b|\bUAVs?\b|\bunmanned aerial\b"),
        (1.5, r"\bbarrel bombs?\b|\bair force\b|\bairstrik|\bbombed\b|\bsorties\b|\bstrikes\b"),
    ],
    "Suicide bomb": [
        (5.0, r"\bsuicide (?:bomb(?:er|ers|ing|ings|s)?|attack(?:er|ers|s)?|car bomb(?:er)?|vest|belt|blast|explosion|truck|operation)\b"),
        (5.0, r"\bblew (?:himself|herself|themselves) up\b|\bdetonated (?:his|her|their) (?:explosive|suicide)\b|\bSVBIED\b|\bsuicide\b"),
    ],
    "Shelling/artillery/missile attack": [
        (3.0, r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b|\bprojectiles?\b"),
        (2.0, r"\bbombard(?:ed|ment|ing)\b|\bhowitzers?\b|\bgrad\b|\bkatyusha\b|\btank (?:fire|shells?)\b|\bfired (?:\w+ )?(?:at|on|into|towards)\b"),
    ],
    "Remote explosive/landmine/IED": [
        (3.0, r"\b(?:IEDs?|improvised explosive|roadside bombs?|landmines?|land mines?|mines?|car bombs?|bomb-laden|booby-?trap(?:ped)?|explosive devices?|sticky bombs?|magnetic bombs?|VBIEDs?|parcel bombs?|time bombs?)\b"),
        (2.0, r"\b(?:bomb|explosive|device)s? (?:exploded|went off|detonated|blast)\b|\bbomb (?:attack|blast|explosion)s?\b|\bbombings?\b|\bplanted\b|\bdetonat(?:ed|ion)\b"),
        (1.5, r"\bexplosions?\b|\bblasts?\b|\bexplod(?:ed|es)\b|\bbombs?\b"),
    ],
    "Grenade": [
        (5.0, r"\bgrenades?\b"),
    ],
    "Sexual violence": [
        (5.0, r"\brap(?:e|ed|es|ing|ist|ists)\b|\bsexual(?:ly)? (?:assault(?:ed|s)?|violence|abuse(?:d)?|harass|exploit|slavery)|\bgang-?rap"),
        (2.0, r"\bmolest(?:ed|ation)?\b|\bsex slaves?\b"),
    ],
    "Attack": [
        (2.0, r"\bkill(?:ed|ing|s)? (?:\w+\W+){0,4}?(?:civilians?|villagers|residents|farmers|worshippers|people|family|families|women|children|man|woman|men|boy|girl|teacher|shepherds?|passengers)\b"),
        (2.0, r"\b(?:civilians?|villagers|residents|farmers|people|women|children|passengers|worshippers) (?:\w+\W+){0,4}?(?:were|was|have been|had been) (?:killed|shot|murdered|attacked|hacked|injured|wounded)\b"),
        (2.5, r"\bmassacr(?:e|ed|es)\b|\bexecut(?:ed|ion|ions|ing)\b|\bbehead(?:ed|ing|ings)?\b|\bmurder(?:ed|s)?\b|\bassassinat(?:ed|ion)\b|\blynch"),
        (2.0, r"\bgunmen\b|\bshot dead\b|\bopened fire\b|\bstabb(?:ed|ing)\b|\bhacked\b|\bmachetes?\b|\btortur(?:ed|e)\b|\bsnipers?\b"),
        (1.5, r"\battack(?:ed|s)? (?:\w+\W+){0,3}?(?:village|villages|community|communities|civilians|residents|homes?|houses|mosque|church|school|market|worshippers|hospital|farmers)\b|\braid(?:ed)? (?:on )?(?:the )?(?:village|community)\b"),
        (0.8, r"\battack(?:ed|s)?\b|\bkill(?:ed|ing)\b|\bshot\b|\bvictims?\b"),
    ],
    "Abduction/forced disappearance": [
        (5.0, r"\bkidnap(?:ped|ping|pings|s)?\b|\babduct(?:ed|ion|ions|s|ing)?\b|\bhostages?\b|\bforc(?:ed|ibly) disappear|\bdisappearance\b|\bwhereabouts\b"),
        (1.5, r"\btaken captive\b|\bcaptive\b|\bransom\b|\bwon back\b|\brescued\b|\bfreed\b|\breleased\b"),
    ],
    "_protest": [  # a protest is going on; which kind is decided below
        (3.0, r"\briot(?:s|ers|ing)\b|\bprotest(?:s|ed|ers?|ing|ors)?\b|\bdemonstrat(?:ion|ions|ors?|ed|e|ing)\b|\brall(?:y|ies|ied)\b|\bsit-?ins?\b|(?-i:\bmarch(?:ed|es|ers|ing)?\b)|\bpicket"),
        (1.5, r"\bstrike\b(?! (?:on|at|in|against|targeted|hit|killed))|\bwalk-?outs?\b|\bboycott|\bchant(?:ed|ing|s)?\b|\bslogans?\b|\bplacards?\b|\bbanners?\b|\bvigil\b|\bgathered\b|\bcrowds?\b"),
    ],
    "_intervention": [
        (2.0, r"\bdispers(?:e|ed|al|ing)\b|\btear ?gas\b|\bwater cannons?\b|\bdetain(?:ed|ing)?\b|\barrest(?:ed|s)?\b|\bbroke up\b|\bbreak up\b|\bbatons?\b|\bpepper spray\b|\bblocked\b|\bbanned\b|\bsuppress(?:ed)?\b|\bunsanctioned\b|\bheld by police\b|\brounded up\b|\bstopped\b|\bprevented\b|\bunauthori[sz]ed\b|\billegal\b|\bcharged\b"),
    ],
    "_excessive": [
        (2.5, r"\bopen(?:ed)? fire\b|\blive (?:ammunition|fire|rounds|bullets)\b|\bshot (?:dead|and killed)?\b|\bkill(?:ed|ing)\b|\bbeat(?:en|ing)?\b|\bbrutal(?:ly)?\b|\bdeadly crackdown\b|\bcrackdown\b|\bviolent(?:ly)?\b|\bexcessive force\b|\battacks? (?:on|against)\b|\bwounded\b|\binjur(?:ed|ing)\b|\bhits?\b|\brubber bullets\b|\bpellets?\b|\bbullets?\b|\bdied\b|\bdeath\b"),
    ],
    "_riot": [
        (2.5, r"\briot(?:s|ers|ing|ed)?\b|\bviolent (?:protests?|demonstrations?|clashes)\b|\bturn(?:ed)? (?:very )?violent\b|\bclash(?:es|ed)?\b|\bstreet violence\b|\bshut down roads\b|\bthrows?\b|\bpull(?:ed)? down\b|\bdefied\b|\bstones?\b|\brocks?\b|\bmolotov|\bpetrol bombs?\b|\bfirecrackers\b|\btorch(?:ed|ing)\b|\bset (?:\w+\W+){0,3}?(?:on )?fire\b|\bvandali[sz]|\bburn(?:ed|t|ing)\b|\bclash(?:ed|es)? with (?:\w+\W+){0,2}?(?:police|security|troops|forces)\b|\bblock(?:ed|ing)? (?:\w+\W+){0,2}?(?:roads?|highways?|streets?)\b|\bstorm(?:ed)?\b|\bpelted\b|\bthrew\b|\bhurl(?:ed|ing)\b|\bransack"),
    ],
    "Mob violence": [
        (3.5, r"\bmobs?\b|\blynch(?:ed|ing|ings)?\b|\bvigilant(?:e|es|ism)\b|\bangry (?:crowd|residents|villagers)\b|\bcommunal (?:clash|violence)|\bsectarian clash"),
        (2.0, r"\bvillagers (?:\w+\W+){0,2}?clashed\b|\bclashed using\b|\bsticks\b|\biron rods\b|\bcow\b|\bbeaten to death\b|\bthieves?\b|\bsuspected (?:thief|thieves|witch)"),
    ],
    "Agreement": [
        (3.5, r"\bceasefire\b|\bcease-fire\b|\btruce\b|\bpeace (?:deal|agreement|accord|talks|treaty|plan)\b|\bsigned\b|\bagree(?:d|ment|ments|s)?\b|\baccord\b|\bdeal\b|\bnegotiat"),
        (3.0, r"\b(?:prisoner|captive|hostage)s? (?:swap|exchange)\b|\bexchange(?:d)? (?:of )?(?:\w+\W+){0,2}?prisoners\b|\brelease of (?:\w+\W+){0,3}?prisoners\b|\breconciliation\b|\bsettlement\b|\bmemorandum\b|\bin exchange for\b"),
    ],
    "Arrests": [
        (3.5, r"\barrest(?:ed|s|ing)?\b|\bdetain(?:ed|s|ing)?\b|\bdetention\b|\bin custody\b|\bapprehend(?:ed)?\b|\brounded up\b|\bcaptured (?:\w+\W+){0,2}?(?:suspects?|members|militants|men)\b|\bheld for questioning\b|\bnabbed\b"),
        (1.0, r"\bpolice\b|\bsuspects?\b|\bcharged\b|\braids?\b|\bjail(?:ed)?\b|\bprison\b|\bsentenced\b"),
    ],
    "Change to group/activity": [
        (3.0, r"\bdefect(?:ed|ion|ions|ors?)?\b|\bjoin(?:ed)? (?:the )?(?:ranks|forces)\b|\bmerg(?:e|ed|er)\b|\bsplit\b|\bdisband(?:ed)?\b|\bnew (?:group|commander|leader|coalition|faction)\b|\bappointed\b|\bsurrender(?:ed)? (?:their|his) (?:weapons|arms)\b|\bformed\b"),
        (2.5, r"\b(?:flee(?:ing)?|fled|escape[sd]?|escaping|move[ds]?|leav(?:e|ing)|left) (?:\w+\W+){0,4}?to (?:turkey|jordan|iraq|lebanon|the border|abroad)\b|\bpull(?:ed|s|ing)? back\b|\bredeploy(?:ed|ment)?\b|\breinforcements?\b|\bdeploy(?:ed|ment|s|ing)?\b|\bmobili[sz](?:ed|ation)\b|\brelocat(?:ed|ion)\b|\bwaiting for (?:a )?(?:final )?order\b|\bmilitary buildup\b|\bbuild-?up\b|\bmoved\b"),
        (1.0, r"\bcommanders?\b|\bleaders\b|\bfighters have\b|\bheading (?:to|towards)\b|\bconvoy\b|\bwithdr[ae]w\b|\bwithdrawal\b|\bdrills?\b|\bexercises?\b|\brecruit"),
    ],
    "Disrupted weapons use": [
        (3.5, r"\b(?:weapons?|arms|ammunition|explosives?|ammo|rifles?|guns?|firearms|pistols|revolvers|bullets|cartridges|rounds|bombs?|IEDs?|mines?|rockets?|missiles?|grenades?|RPGs?|munitions) (?:\w+\W+){0,6}?(?:seized|captured|confiscated|found|recovered|discovered|defused|dismantled|destroyed|intercepted|shot down|neutrali[sz]ed|uncovered)\b"),
        (3.5, r"\b(?:seized|confiscated|found|recovered|discovered|defused|dismantled|destroyed|intercepted|shot down|downed|neutrali[sz]ed|uncovered|foiled|thwarted) (?:\w+\W+){0,6}?(?:weapons?|arms|ammunition|explosives?|caches?|rifles?|guns?|firearms|bombs?|IEDs?|mines?|rockets?|missiles?|drones?|grenades?|depots?|munitions|stockpiles?)\b"),
        (2.5, r"\b(?:arms|weapons?) (?:caches?|depots?|dumps?)\b|\bcaches?\b|\bdefus(?:ed|al|ing)\b|\bbomb disposal\b|\bintercept(?:ed|ion|s)?\b|\bshot down\b|\bair defen[cs]es?\b|\bfoiled\b|\bthwarted\b"),
    ],
    "Headquarters or base established": [
        (4.0, r"\b(?:set(?:s|ting)? up|establish(?:ed|es|ing)?|built|build(?:s|ing)?|open(?:ed|s)?|construct(?:ed|ing)?) (?:\w+\W+){0,6}?(?:base|bases|post|posts|outposts?|headquarters|hq|observation points?|points?|camps?|checkpoints?|positions?|airbase|airport|barracks)\b"),
        (1.0, r"\bobservation points?\b|\bmilitary (?:base|post|outpost)\b|\bheadquarters\b|\bnew base\b"),
    ],
    "Looting/property destruction": [
        (3.5, r"\bloot(?:ed|ing|ers)?\b|\bransack(?:ed|ing)?\b|\bpillag|\bplunder|\bvandali[sz](?:ed|ism)\b|\bburn(?:ed|t) (?:down )?(?:\w+\W+){0,3}?(?:houses|homes|shops|property|properties|buildings|crops|vehicles|cars|church|mosque|school)\b|\bset (?:\w+\W+){0,3}?(?:on )?fire\b|\bset fire to\b|\barson\b|\bdemolish(?:ed|ing)?\b|\bbulldoz(?:ed|ing)\b|\btorched\b"),
        (1.0, r"\bstolen\b|\bstole\b"),
        (2.5, r"\b(?:houses|homes|shops|stores|property|properties|buildings|vehicles|cars|churches|mosques|schools|offices|markets?) (?:\w+\W+){0,3}?(?:destroyed|looted|torched|burned|burnt|vandali[sz]ed|ransacked|set ablaze|razed)\b"),
        (2.0, r"\bdamag(?:ed|ing)\b|\bdestroy(?:ed|ing)? (?:\w+\W+){0,3}?(?:property|properties|houses|homes|shops|buildings|school|mast|tower|infrastructure)\b|\bproperties\b|\bproperty\b|\bassets\b|\bconfiscat(?:ed|ion)\b"),
    ],
    "Other": [
        (0.5, r"\blaunch(?:ed)? (?:\w+\W+){0,3}?(?:test|satellite)\b|\bmissile test\b|\btest-?fired\b"),
    ],
}

_GOV_WORDS = (
    r"\b(?:army|armed forces|government|gov't|govt|regime|troops|soldiers|military|SAA|security forces|police|"
    r"pro-government|loyalist|state forces|national guard|marines|IDF|army's|allied forces|popular forces|"
    r"Iraqi forces|Afghan forces|Nigerian forces|Hashd|PMU|Popular Mobilization|Tiger forces|republican guard)\b"
)
_NONSTATE_WORDS = (
    r"\b(?:rebels?|militants?|ISIS|ISIL|IS|Daesh|Islamic State|Taliban|insurgents?|jihadists?|terrorists?|fighters|militias?|"
    r"al-Shabaab|al-Shabab|Shabaab|Boko Haram|Houthis?|Ansar Allah|opposition|SDF|YPG|Kurdish|Nusra|Tahrir al-Sham|HTS|FSA|"
    r"Free Syrian Army|Ahrar|Jaish|Jaysh|gunmen|separatists?|armed groups?|tribal|al-Qaeda|AQAP|PKK|Ahrar al-Sham|mujahideen)\b"
)
_GOV_RE = re.compile(_GOV_WORDS, re.I)
# words that say the force used on a protest came from the state, whoever is named
_REPRESSION = re.compile(r"\bcrackdown\b|\battacks? (?:on|against) (?:the )?(?:peaceful )?(?:protest|demonstrat)", re.I)
_DISRUPTION = re.compile(r"\b(?:intercept\w*|shot down|downed|defus\w*|dismantl\w*|seiz\w*|confiscat\w*|found|recovered|discovered|foiled|thwarted|neutrali[sz]ed|uncovered|captured)\b", re.I)
_STATE_FORCE = re.compile(r"\b(?:police|policem[ae]n|security (?:forces|guards|personnel|official)|troops|soldiers|army|officers?|authorities|guards|military|forces|gendarmes?|regime)\b", re.I)
_NONSTATE_RE = re.compile(_NONSTATE_WORDS)
# ACLED's violence against civilians targets the unarmed: the dead being soldiers or police makes it a battle
_ARMED_DEAD = re.compile(
    r"\bkill(?:ed|ing|s)? (?:at least |more than |over |some )?(?:\w+\W+){0,3}?(?:soldiers|troops|police(?:men| officers| trainees| recruits)?|"
    r"security (?:forces|personnel|officers)|servicemen|army (?:officers|recruits|trainees)|guards)\b"
    r"|\b(?:mostly|most of them|all of them|including \w+) (?:soldiers|troops|police(?:men)?|security forces)\b"
    r"|\b(?:soldiers|troops|policemen|police officers|security forces|security personnel)\b (?:\w+\W+){0,6}?(?:were|have been|had been) killed\b",
    re.I,
)
# captured, surrendered or executed soldiers are defenceless: killing them stays violence against civilians in ACLED
_DEFENCELESS = re.compile(r"\b(?:execut\w*|behead\w*|massacr\w*|captives?|captured|hostages?|prisoners?|surrender\w*|detained|crucif\w*)\b", re.I)
_UNARMED_DEAD = re.compile(r"\b(?:civilians?|villagers|residents|worshippers|passengers|children|women|students|farmers)\b", re.I)
# aircraft firing or dropping their weapons: an air strike, whatever the munition ("jets fired missiles")
_AIR_LAUNCH = re.compile(
    r"\b(?:jets?|war ?planes?|fighter (?:jets?|planes?)|aircraft|helicopters?|gunships?|bombers?|drones?)\b (?:\w+\W+){0,2}?"
    r"(?:fired|launched|dropped|destroyed|struck|hit|bombed|pounded|targeted|shelled|carried out)\b",
    re.I,
)
_NONSTATE_RE_I = re.compile(_NONSTATE_WORDS.replace("|IS|", "|"), re.I)


def _split_top(pattern: str) -> list[str]:
    """The pattern's top-level alternatives."""
    parts, depth, cur, i = [], 0, "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur += pattern[i:i + 2]
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    return parts + [cur]


def _literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """Lowercase literal starts of every alternative, or None when one has none.

    A window that contains none of them cannot match, so the (slow) pattern is skipped:
    most sentences trip only a few of the lexicon's rules.
    """
    prefixes = []
    for alt in _split_top(pattern):
        body = alt
        while True:
            stripped = re.sub(r"^(?:\\b|\(\?<![^)]*\))", "", body)
            if stripped == body:
                break
            body = stripped
        if body.startswith("(?:") or body.startswith("("):
            inner = _literal_prefixes(body[body.index("(") + (3 if body.startswith("(?:") else 1):_matching(body)])
            rest_optional = body[_matching(body) + 1:_matching(body) + 2] in ("?", "*")
            if inner is None or rest_optional:
                return None
            prefixes.extend(inner)
            continue
        m = re.match(r"[A-Za-z' -]+", body)
        lit = m.group(0) if m else ""
        nxt = body[len(lit):len(lit) + 1]
        if nxt in ("?", "*", "{") and lit:
            lit = lit[:-1]  # the last character is optional
        if len(lit.strip()) < 2:
            return None
        prefixes.append(lit.lower())
    return tuple(prefixes)


def _matching(body: str) -> int:
    depth = 0
    i = 0
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] == "(":
            depth += 1
        elif body[i] == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(body) - 1


@lru_cache(maxsize=1)
def _compiled() -> dict[str, list[tuple[float, re.Pattern, tuple[str, ...] | None]]]:
    return {
        sub: [(w, re.compile(p, re.I), _literal_prefixes(p)) for w, p in rules] for sub, rules in _LEXICON.items()
    }


@lru_cache(maxsize=1)
def _prefix_automaton():
    """One Aho-Corasick pass finds every rule prefix a window contains."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for rules in _compiled().values():
        for _w, _p, prefixes in rules:
            for prefix in prefixes or ():
                automaton.add_word(prefix, prefix)
    automaton.make_automaton()
    return automaton


def _prefixes_in(low: str) -> set[str]:
    return {found for _end, found in _prefix_automaton().iter(low)}


@dataclass
class Trigger:
    sub_event_type: str
    score: float
    start: int  # offset of the strongest cue in the window text
    end: int


_REMOTE = (
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
)


def _scores(text: str) -> dict[str, tuple[float, int, int]]:
    """Summed weight per lexicon key, with the span of its heaviest match."""
    out: dict[str, tuple[float, int, int]] = {}
    present = _prefixes_in(text.lower())
    for key, rules in _compiled().items():
        total, best, span = 0.0, 0.0, (0, 0)
        for weight, pattern, prefixes in rules:
            if prefixes is not None and present.isdisjoint(prefixes):
                continue
            m = pattern.search(text)
            if m:
                total += weight
                if weight > best:
                    best, span = weight, m.span()
        if total:
            out[key] = (total, *span)
    return out


def _who_took(text: str, cue_start: int, agent_side: str | None) -> str:
    """Government or non-state actor for a territorial change: from the words around the verb,
    else from the side of the window's first actor, else non-state."""
    by_words = _who_took_by_words(text, cue_start)
    if by_words is not None:
        return by_words
    if agent_side is not None:
        return "Government regains territory" if agent_side == "government" else "Non-state actor overtakes territory"
    return "Non-state actor overtakes territory"


_PASSIVE_BEFORE = re.compile(r"\b(?:were|was|have been|had been|being|got)\s+(?:\w+\s+)?$", re.I)
_SWAP = {"Government regains territory": "Non-state actor overtakes territory",
         "Non-state actor overtakes territory": "Government regains territory"}


def _who_took_by_words(text: str, cue_start: int) -> str | None:
    """The taker from the words: "by X", "from Y", else the subject named before the verb (in
    its clause, else in its sentence: "the army took the village after recapturing the fields");
    a passive verb ("rebels were pushed back") makes that subject the loser."""
    found = _taker_by_words(text, cue_start)
    if found is not None and _PASSIVE_BEFORE.search(text[max(0, cue_start - 30):cue_start]):
        has_by = re.search(r"\bby (?:the )?", text[cue_start:cue_start + 60])
        if not has_by:
            return _SWAP[found]
    return found


def _subject_side(before: str) -> str | None:
    gov = [m.start() for m in _GOV_RE.finditer(before)]
    non = [m.start() for m in _NONSTATE_RE.finditer(before)] + [m.start() for m in _NONSTATE_RE_I.finditer(before)]
    if gov or non:
        # the first actor named before the verb is its subject
        return "Government regains territory" if min(gov, default=10**6) < min(non, default=10**6) else "Non-state actor overtakes territory"
    return None


def _taker_by_words(text: str, cue_start: int) -> str | None:
    before = re.split(r"[.;]\s|,\s(?:while|as|after|but|and)\s|\b(?:after|when|as|while|said|says|say|that|reported|claimed)\b", text[max(0, cue_start - 160):cue_start])[-1]
    after = text[cue_start:cue_start + 160]
    m_by = re.search(r"\bby (?:the )?((?:\S+\s+){0,4}\S+)", after)
    if m_by and re.search(r"\b(?:captured|seized|taken|retaken|liberated|overrun)\b", after[:m_by.start() + 3]):
        agent = m_by.group(1)
        if _GOV_RE.search(agent):
            return "Government regains territory"
        if _NONSTATE_RE.search(agent) or _NONSTATE_RE_I.search(agent):
            return "Non-state actor overtakes territory"
    m_from = re.search(r"\bfrom (?:the )?((?:\S+\s+){0,3}\S+)", after[:90])
    if m_from:
        loser = m_from.group(1)
        if _NONSTATE_RE.search(loser) or _NONSTATE_RE_I.search(loser):
            return "Government regains territory"
        if _GOV_RE.search(loser):
            return "Non-state actor overtakes territory"
    side = _subject_side(before)
    if side is None and not before.strip(" ,"):
        # a clause with no subject of its own ("... after recapturing"): the sentence's subject
        side = _subject_side(re.split(r"[.;]\s", text[max(0, cue_start - 160):cue_start])[-1])
    return side


def classify(text: str, agent_side: str | None = None, min_score: float = 1.4) -> list[Trigger]:
    """Sub-event types the text describes, best first; empty when nothing reaches ``min_score``.

    ``agent_side``: the knowledge-base side of the window's acting actor, when known
    ("government" decides a capture as "Government regains territory").
    """
    raw = _scores(text)
    scores: dict[str, list] = {k: list(v) for k, v in raw.items() if not k.startswith("_")}

    def add(sub: str, amount: float, span: tuple[int, int]) -> None:
        if sub in scores:
            scores[sub][0] += amount
        else:
            scores[sub] = [amount, *span]

    if "_protest" in raw:
        p, ps, pe = raw["_protest"]
        riot = raw.get("_riot", (0, 0, 0))[0]
        excessive = raw.get("_excessive", (0, 0, 0))[0]
        intervention = raw.get("_intervention", (0, 0, 0))[0]
        if p >= 3.0:
            if riot:
                add("Violent demonstration", p + riot + 1.0, (ps, pe))
            elif excessive and (_STATE_FORCE.search(text) or _REPRESSION.search(text)):
                add("Excessive force against protesters", p + excessive + 1.0, (ps, pe))
            elif intervention:
                add("Protest with intervention", p + intervention + 1.0, (ps, pe))
            else:
                add("Peaceful protest", p + 1.0, (ps, pe))
            # inside a protest, arrests and clashes describe the protest
            for sub in ("Arrests", "Armed clash", "Attack"):
                if sub in scores:
                    scores[sub][0] *= 0.3

    if "_territory" in raw:
        t, ts, te = raw["_territory"]
        transfer = scores.get("Non-violent transfer of territory", [0])[0]
        fought = re.search(r"\b(?:clash\w*|fight\w*|battl\w*|attack\w*|assault\w*|offensive|bombard\w*|shell\w*|air ?strikes?|storm\w*|ambush\w*|defeat\w*|killed)\b", text, re.I)
        if transfer >= 3.0 or (transfer and not fought):
            add("Non-violent transfer of territory", t, (ts, te))
        else:
            add(_who_took(text, ts, agent_side), t, (ts, te))

    # a bomber killing himself is a suicide bomb, whatever else exploded
    if "Suicide bomb" in scores:
        for sub in ("Remote explosive/landmine/IED", "Air/drone strike", "Shelling/artillery/missile attack"):
            if sub in scores:
                scores[sub][0] *= 0.3
    # gas carried by shells or bombs is a chemical attack
    if scores.get("Chemical weapon", [0])[0] >= 4.0:
        for sub in ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"):
            if sub in scores:
                scores[sub][0] *= 0.4
    # a missile or drone brought down, a bomb defused, arms seized: disrupted, not used
    # (weapons "destroyed" by jets or guns are the target of an attack, not a disruption)
    if scores.get("Disrupted weapons use", [0])[0] >= 3.5 and _DISRUPTION.search(text):
        for sub in ("Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Air/drone strike", "Grenade",
                    "Government regains territory", "Non-state actor overtakes territory"):
            if sub in scores:
                scores[sub][0] *= 0.5
        if "_territory" in raw and raw["_territory"][0] <= 3.5:
            for sub in ("Government regains territory", "Non-state actor overtakes territory"):
                if sub in scores:
                    scores[sub][0] *= 0.5
    # jets firing missiles or destroying depots: the aircraft make it an air strike
    if _AIR_LAUNCH.search(text) and "Air/drone strike" in scores:
        for sub in ("Shelling/artillery/missile attack", "Disrupted weapons use", "Remote explosive/landmine/IED", "Armed clash"):
            if sub in scores and scores[sub][0] >= scores["Air/drone strike"][0]:
                scores["Air/drone strike"][0] = scores[sub][0] + 0.5
    # aircraft dropping bombs: an air strike, not a remote explosive
    if scores.get("Air/drone strike", [0])[0] >= 3.0 and "Remote explosive/landmine/IED" in scores:
        scores["Remote explosive/landmine/IED"][0] *= 0.6
    # vigilantes and mobs are rioters, not armed groups
    if scores.get("Mob violence", [0])[0] >= 2.0:
        for sub in ("Attack", "Armed clash"):
            if sub in scores:
                scores[sub][0] *= 0.5
    # civilians killed by remote means are remote violence in ACLED, not "Attack"
    if max(scores.get(sub, [0])[0] for sub in _REMOTE) >= 2.5 and "Attack" in scores:
        scores["Attack"][0] *= 0.4
    # an attack that kills soldiers or police, and no civilian, is fought between armed parties
    if "Attack" in scores and _ARMED_DEAD.search(text) and not _UNARMED_DEAD.search(text) and not _DEFENCELESS.search(text):
        add("Armed clash", scores["Attack"][0], (scores["Attack"][1], scores["Attack"][2]))
        scores["Attack"][0] *= 0.3
    # a kidnapping or rape is not also "an attack"
    for sub in ("Abduction/forced disappearance", "Sexual violence"):
        if scores.get(sub, [0])[0] >= 5.0 and "Attack" in scores:
            scores["Attack"][0] *= 0.5

    triggers = [Trigger(sub, round(s, 3), a, b) for sub, (s, a, b) in scores.items() if s >= min_score]
    order = {s: i for i, s in enumerate(SUB_EVENT_TYPES)}
    triggers.sort(key=lambda t: (-t.score, order[t.sub_event_type]))
    return triggers


def best_sub_event_type(text: str, agent_side: str | None = None) -> str | None:
    found = classify(text, agent_side)
    return found[0].sub_event_type if found else None
