extension String {
    func replacingBackslashEscapes() -> String {
        guard contains("\\") else { return self }
        var out = ""
        var escaped = false
        for ch in self {
            if escaped { out.append(ch); escaped = false } else if ch == "\\" { escaped = true } else { out.append(ch) }
        }
        return out
    }
}
