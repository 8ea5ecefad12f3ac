// `pack!` with a fallible `e`, bytes for `s` and `p`; `unpack!`.
pack!("<He3s5p", 1, 1.5, b"abc", b"xy");
pack!("!H", 7);
unpack!("!Hc", &buf);
