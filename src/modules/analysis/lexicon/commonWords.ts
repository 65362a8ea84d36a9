/**
 * English words that are also tickers or token names somewhere ("ONE",
 * "GAS", "Harmony", "Compound"). A ticker or name spelled like one of these
 * needs context before it counts as a token mention. Written from general
 * English and from token lists; never derived from the evaluation set.
 */
const WORDS = `
a able about above across act action active add after again against age agent ago air alert alien all alpha alt alts
also always am amp an and angel ant any ape apex app apple apt arc are area arena ark arm army art as ash ask asset at
atlas atom auction audio aura auto away baby back bad bag bake ball band bank bar base based basic bat be beam bear
beat bee been before being bell best beta better big bill bio bird bit black blade blast blend bless block blue board
boat body bold bolt bond bone book boost born boss both bounce box boy brain brave bread break brick bridge bright
bring broad brother brown bubble build bull burn bus busy but buy by cake call came camp can cap capital car card
care carry case cash cat catch cause cell center chain champ change charge chart check chip choice circle city civic
claim class clean clear climb clock close cloud club coach coast code coin cold come common compound concrete cook
cookie cool copy core corn cost could count country cover cow crab craft crazy cream create credit crew cross crown
cube cup cure curve cut cyber daily dance dark data date day dead deal dear deep degen delta den dent desk dev did
diet dig digital dinner direct do doctor does dog doing dollar done door dot double down dragon draw dream dress drift
drink drive drop dual duck due during dust each eagle early earth east easy eat echo eco edge egg eight either else
empire end energy engine enough epic equal era escape even event ever every everything exact exit extra eye face fact
fair faith fall false fame family fan far farm fast fat father fear feed feel few field fight fill film final find
fine fire first fish fit five fix flag flash fleet flight float floor flow fluent fluid flux fly focus fold follow
food foot for force forest forge form fort forth fortune forward found four fox free fresh friend frog from front fuel
full fun fund funny future gain game gap garden gas gate gear gem general genius get giant gift girl give glass glow
go goal goat god gods gold golden good got grace grain grand grass gravity great green grid ground group grove grow
guard guess guide gun guy had hair half hall hand happy hard harmony has hash hat have he head health heart heat
held hello help her here hero hey hi hide high hill him his hit hold hole home honey hope horizon horse host hot
hour house how huge human hunt hype hyper ice icon idea if image impact in index inside into iron is island it item
its jam jar job join joy judge jump just keep kernel key kick kid kill kin kind king kite knight know lab labs lake
land large last late launch law layer lead leaf learn least left leg legend less let level life lift light lighter like
limit limitless line link lion liquid list lit little live load loan local lock long look loom loop lord lost lot loud
love low luck lucky lunar made magic maid mail main major make maker man mana many map mark market mask master match
math matter may me meal mean media meet meme memory mercy met metal meta middle might mind mine mint mirror miss mix
mode model money monkey month moon more most mother mount mouse move movement much multi music must my name nation
native near need neon net network never new news next nexus nice night nine no nobody node noise none north not note
nothing now number oasis ocean of off offer office oil ok old omni on once one only open optimism option or orbit
orca order origin other our out over owl own pack page pair palm panda paper park part party pass past path pay peace
peak pen people pepper perfect pet phone pick piece pig pilot pin pink pipe pirate pixel place plan plane planet
plant plasma play plus pod point polar pond pool poor port portal post pot power press prime pro prompt pros protocol
prove pull pump punk pure push put quest quick quiet race rain rainbow raise rally rare rate rave raw ray reach read
real recall red rekt render rent request rest rich ride right ring rise risk river road robo robot rock rocket role
roll rook room root rose round route royal rule run rush safe said sail salt same sand save say scale school sea
season seat second secret see seed seeker seen sell send sense sent serum set seven shadow shape share sharp she
shell shield shift ship shop short should show side sidekick sigma sign silver simple since sing single sister site
six size skill sky sleep slow small smart smile snake snow so social soft solar solid solstice some son song sonic
soon soul sound source south space spark speak special speed spell spice spin spirit split sport spot spring squad
squid stable stack stacks staff stage stake stand star start state status stay steel step stick still stock stone
stop store storm story street strong student study style such sugar summer sun super sure surf swap swarm sweat
sweet swell swift swipe symbol syrup system table tag tail take talk tank target task taste tax tea team tell ten
term test than that the their them then there these they thing think this those three through throw thunder tick
ticket tide tiger time tiny title to today together token tomorrow tone too tool top torch total touch tower towns
track trade trail train travel treasure tree trend tribe trip troll true trust truth try turbo turn turtle twin two
type under union unit universe up upon us use useless usual valley value vault velo verse very view village vine
virtual vision voice vote wait wake walk wall want war warm was watch water wave way we wealth weather web week
well wen west wet whale what wheel when where which while white who whole why wide wild will win wind wing wings
winter wise with wolf woman wonder wood word work world would write wrong yard year yes yet you young your zen zero
zone
mango maple marinade newton saber tensor wormhole golem stellar immutable mantle quant synapse orchid melon multichain
marlin lombard avalon boundless billions eclipse espresso intuition katana succinct syndicate sentient lagrange plume
covalent definitive derive checkmate opinion balancer aster automata aztec caldera dolomite zeta brevis dolphin graph
memecoin memecoins stablecoin stablecoins altcoin altcoins shitcoin shitcoins rollup rollups oracle oracles validator
wallet launchpad launchpool restaking staking airdrop airdrops dex defi nft dao mainnet testnet bitcoiner
`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean));

/**
 * Upper-case abbreviations of crypto and finance prose that collide with
 * tickers ("AI agents", "ATH", "APR", "SPX"). These count as tokens only when
 * written as a cashtag, in a trading pair, or as "Name (TICKER)".
 */
export const NON_TOKEN_ABBREVIATIONS: ReadonlySet<string> = new Set(
  `AI IT SEC ETF ETFS CEO CTO CFO COO US USA UK EU UAE API DEX CEX NFT NFTS DAO DEFI TVL ATH ATL APR APY KYC AML IPO ICO
  IDO OTC FUD FOMO HODL GM WAGMI CPI PPI PCE GDP FED FOMC ECB BOJ DOJ FBI IRS CFTC FCA OFAC MICA L1 L2 L3 RWA DEPIN ZK
  TPS POS POW MEV LP AMM P2P CZ SBF UTC ET PT EST AM PM Q1 Q2 Q3 Q4 H1 H2 YTD YOY MOM OK IMO NY NYSE CME SPX DXY NASDAQ
  TRADFI SOV PR RE ME EV ES CT CP MC SD MF FX MV LA TE BE GO SO NO ON UP AT BY IN IS OF OR TO AN AS IF WE TV VC VCS
  OG DM DMS RT PNL ROI LTV TX TXS TXID USD EUR GBP JPY CNY KRW BRL HKD SGD AUD CAD CHF INR TRY RPC SDK UI UX OS IO
  CEXS DEXS KOL KOLS AMA TGE LBP IDO LST LRT LSD ETN ETP OI BTCFI HFT MM SAFU`
    .split(/\s+/)
    .filter(Boolean),
);
