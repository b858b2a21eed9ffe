document.getElementById('main')!.textContent = 'PIC';
