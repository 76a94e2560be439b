/// Words that are never topics: the function words of the languages the archives are written in
/// (English, French, German, Spanish, Dutch, Italian, Portuguese), the words of mail itself
/// (`thanks`, `wrote`, `regards`) and of quoted addresses (`http`, `www`, `com`). Folded as
/// ``KeyPhrases`` folds words (lower case, no diacritics).
public enum Stopwords {
    public static func contains(_ word: some StringProtocol) -> Bool { all.contains(String(word)) }

    static let all: Set<String> = Set([english, mail, code, french, german, spanish, dutch, italian, portuguese].joined(separator: "\n")
        .split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    static let english = """
    a about above after again against all almost already also although always am among an and another any anyone anything
    are aren around as at away back be became because become been before being below between both but by can cannot
    could couldn did didn do does doesn doing don done down during each either else enough even ever every everyone
    everything few for from further get gets getting go goes going gone got had hadn has hasn have haven having he her
    here hers herself him himself his how however i if in into is isn it its itself just less let like likely made make
    makes making many may maybe me might mine more most much must my myself need needs neither never no nobody none nor
    not nothing now of off often on once one ones only onto or other others otherwise our ours ourselves out over own
    per perhaps quite rather really same see seem seems seen several shall she should shouldn since so some somebody
    someone something sometimes somewhat still such than that the their theirs them themselves then there therefore
    these they thing things this those though through thus to together too toward towards under unless until up upon us
    use used uses using very via want wants was wasn way ways we well were weren what whatever when where whether which
    while who whole whom whose why will with within without won would wouldn yes yet you your yours yourself yourselves
    ll ve re etc eg ie non able across actually anyway else instead probably sure since try tried trying look looks
    looking lot lots mean means new old good bad better best first last next another back different right left long
    little big sort kind bit way yeah okay ok say says said take takes took put puts know knows knew think thought
    thinks find found give given come comes came tell told work works worked working call called calls run runs
    seem seemed two three four five six seven eight nine ten zero
    people useful idea ideas problem problems issue issues point points stuff part parts case cases fact example
    examples reason reasons thing understand agree interesting possible currently actually basically simply
    especially easy hard fine great nice true false wrong able help helps helped following follow note
    """
    static let mail = """
    thanks thank thx cheers regards best wishes hi hello hey dear wrote writes message messages mail email mailing list
    lists reply replies sent subject forwarded original please pls sorry question questions answer help anyone
    http https www com org net html htm mailto cgi bin mailman listinfo archive archives pipermail attachment attached
    gmail yahoo hotmail outlook date jan feb mar apr may jun jul aug sep oct nov dec monday tuesday wednesday thursday
    friday saturday sunday today tomorrow yesterday week weeks day days month months year years time times
    """
    /// The keywords of the code people paste (Python, C, shell), which are no topic.
    static let code = """
    def class self return import none true false null print elif else lambda yield async await int char void
    struct const static unsigned bool sizeof include define endif ifdef ifndef typedef enum printf echo
    sudo cd ls var let func println args kwargs init str dict len
    """
    static let french = """
    le la les un une des du de et ou mais donc car ni que qui quoi dont est sont etre avoir ai as avons avez ont ete
    ce cet cette ces mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle nous vous ils elles
    on en au aux dans par pour sur avec sans sous entre vers chez pas plus moins tres bien aussi comme tout tous toute
    toutes cela ceci ca ici alors merci bonjour salut cordialement fait faire peut peux
    """
    static let german = """
    der die das den dem des ein eine einer eines einem einen und oder aber doch denn wenn weil dass als wie auch noch
    nur schon sehr mit von zu zum zur bei aus nach vor auf fur uber unter ist sind war waren bin bist sein hat haben
    hatte ich du er sie es wir ihr mich dich sich uns euch mein dein nicht kein keine man hier dort dann danke gruss
    grusse hallo wird werden wurde kann konnen muss mussen soll sollte
    """
    static let spanish = """
    el la los las un una unos unas y o pero que de del al en con por para sin sobre es son era fue ser estar esta este
    esto estos estas ese esa eso yo tu usted nosotros ellos ellas mi mis su sus nuestro muy mas menos tambien como
    cuando donde gracias hola saludos hay
    """
    static let dutch = """
    de het een en of maar dat die dit deze niet geen met van voor naar bij op aan uit ook als dan wel zijn heeft hebben
    ik jij je hij zij wij jullie mijn jouw zijn haar ons onze bedankt groeten
    """
    static let italian = """
    il lo gli le una uno e o ma che di da in con su per tra fra non sono essere avere ho hai ha abbiamo questo questa
    quello quella anche come grazie ciao saluti
    """
    static let portuguese = """
    o os um uma uns umas e ou mas que do da dos das em no na nos nas com por para sem sobre nao sim ser estar tem
    isso isto este esta esse essa eu voce ele ela eles elas obrigado obrigada
    """
}
