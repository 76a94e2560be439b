extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
